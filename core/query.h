// query.h - selecting figures: genes ALL / ANY / NOT, organism, year range, text.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "figure_index.h"

namespace figscope {

enum class GeneMode : uint8_t { All, Any };

struct FigureQuery {
    std::vector<std::string> genes;        // terms: symbols (any case) or OCR aliases
    GeneMode mode = GeneMode::All;
    std::vector<std::string> not_genes;
    std::vector<std::string> organisms;    // empty = any; else the figure has one of them
    int year_min = 0, year_max = 0;        // 0 = open end
    std::string text;                      // case-insensitive, in title, caption, paper title
};

struct QueryResult {
    std::vector<FigureId> figures;         // ascending
    std::vector<std::string> unknown_terms;  // terms that resolved to no gene
};

QueryResult run_query(const FigureIndex& index, const FigureQuery& q);

// How many of the selected figures fall in each facet value (for counts beside the choices).
struct FacetCounts {
    std::vector<uint32_t> organisms;   // by OrganismId (index.organisms())
    std::vector<uint32_t> years;       // by year - index.year_min(); empty if no years
    uint32_t unknown_year = 0;
};
FacetCounts facet_counts(const FigureIndex& index, const std::vector<FigureId>& selection);

// Selection as a bitset over figures, for fast set algebra and co-occurrence.
struct FigureBitset {
    std::vector<uint64_t> words;
    size_t size = 0;
    explicit FigureBitset(size_t n = 0) : words((n + 63) / 64, 0), size(n) {}
    void set(size_t i) { words[i >> 6] |= uint64_t(1) << (i & 63); }
    bool test(size_t i) const { return (words[i >> 6] >> (i & 63)) & 1; }
    size_t count() const;
};

}  // namespace figscope
