// test_support.h - shared helpers for the core tests: where the real records are, and
// loading them the way the CLI does.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "figure_index.h"
#include "loader.h"

#ifndef FIGSCOPE_SHARED_DIR
#define FIGSCOPE_SHARED_DIR "../shared"
#endif

namespace figscope::test {

inline std::string shared_dir() { return FIGSCOPE_SHARED_DIR; }
inline std::string seeds_dir() { return shared_dir() + "/seeds"; }
inline std::string corpus_dir() { return shared_dir() + "/corpus"; }

// Loads paths into a fresh index (finalized); problems collected.
inline FigureIndex load(const std::vector<std::string>& paths, Problems& problems) {
    FigureIndex index;
    load_files(index, read_paths(paths, problems), problems);
    return index;
}

inline std::vector<std::string> gene_symbols(const FigureIndex& index, FigureId f) {
    std::vector<std::string> out;
    for (GeneId g : index.figure_genes(f)) out.push_back(index.gene_symbol(g));
    std::sort(out.begin(), out.end());
    return out;
}

inline std::string problems_text(const Problems& p) {
    std::string s;
    for (const auto& x : p.items) s += x.to_string() + "\n";
    return s;
}

}  // namespace figscope::test

namespace figscope::test {
inline std::string_view base_name_of(std::string_view p) {
    size_t s = p.find_last_of('/');
    return s == std::string_view::npos ? p : p.substr(s + 1);
}
}  // namespace figscope::test
