// figure_index.h - the in-memory index over all loaded figures.
//
// Layout (chosen for ~100k figures, ~1.7M gene mentions, ~13k genes in a browser tab):
//   - gene symbols interned to dense u32 ids (GeneId); organisms likewise (u16)
//   - per figure: a sorted array of GeneId (FigureGenes, CSR: figure_gene_offsets + flat ids)
//   - per gene:   a sorted u32 posting list of FigureId (CSR: posting_offsets + flat ids)
//   - alias table: normalised OCR word -> GeneIds, for search and autocomplete
//   - facets: organism, year, journal
// Figures are added with add_record()/add_sidecar(); finalize() (re)builds the derived
// arrays. Adding more data later keeps everything already loaded.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "figure_record.h"
#include "problems.h"

namespace figscope {

using FigureId = uint32_t;
using GeneId = uint32_t;
using OrganismId = uint16_t;
constexpr GeneId kNoGene = 0xffffffffu;

struct Figure {
    FigureRecord record;                    // display fields (genes/gene_words are moved out)
    GenesFrom genes_from = GenesFrom::None;
    std::vector<GeneId> own_genes;          // from inline or sidecar, sorted unique
    std::vector<OrganismId> own_gene_organisms;  // parallel to own_genes (kNoOrganism if unknown)
    std::vector<OrganismId> facet_organisms;     // organisms (or sidecar organisms, or NER)
    uint16_t journal = 0;                        // index into FigureIndex::journals
    std::string journal_name;                    // journal_title, or the journal named in reftext
    bool has_genes_sidecar = false;
};

constexpr OrganismId kNoOrganism = 0xffff;

// Hash maps keyed by std::string that are looked up by string_view without a temporary
// std::string (C++20 heterogeneous lookup): interning runs once per gene mention.
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V> using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

struct AliasEntry {
    std::string key;        // normalised word (see normalize_alias)
    std::string word;       // a representative spelling as it appears in the records
    GeneId gene;
    uint32_t count;         // how many figures used this word for this gene
};

class FigureIndex {
public:
    // ---- building ----------------------------------------------------------------------
    // Adds a record. Duplicate figid: the first one loaded stays, the later one is reported
    // and skipped (files of one load are visited in sorted path order). Returns false if skipped.
    bool add_record(FigureRecord&& rec, Problems& problems);
    // add_record with the gene source stated (snapshots restore sidecar-derived genes).
    bool add_figure(FigureRecord&& rec, GenesFrom from, Problems& problems);
    // The same with the genes already interned (rec.genes is ignored): the snapshot loader
    // interns each symbol once instead of once per mention.
    bool add_figure_interned(FigureRecord&& rec, GenesFrom from, std::vector<GeneId>&& genes,
                             std::vector<OrganismId>&& gene_organisms, Problems& problems);
    GeneId intern_gene(std::string_view symbol);
    OrganismId intern_organism(std::string_view name);
    // Records that OCR word `word` was matched to `symbol` in `figures` figures.
    void add_alias(std::string_view word, std::string_view symbol, uint32_t figures);
    // Adds a sidecar; it is attached to its figure at finalize() (in any order of arrival).
    void add_sidecar(Sidecar&& sc);
    // Attaches sidecars, derives keyword genes, rebuilds postings/facets/aliases.
    // Reports sidecars whose record is not loaded (they are kept until it is).
    void finalize(Problems& problems);
    void clear();

    // ---- figures -----------------------------------------------------------------------
    size_t figure_count() const { return figures_.size(); }
    const Figure& figure(FigureId f) const { return figures_[f]; }
    const std::vector<Figure>& figures() const { return figures_; }
    FigureId find_figure(std::string_view figid) const;   // or UINT32_MAX
    std::span<const GeneId> figure_genes(FigureId f) const;   // sorted GeneIds, after finalize

    // ---- genes -------------------------------------------------------------------------
    size_t gene_count() const { return gene_symbols_.size(); }
    const std::string& gene_symbol(GeneId g) const { return gene_symbols_[g]; }
    GeneId find_gene(std::string_view symbol) const;      // exact symbol, or kNoGene
    std::span<const FigureId> postings(GeneId g) const;   // sorted figures mentioning g
    size_t gene_mentions() const { return figure_gene_ids_.size(); }
    // Genes whose symbol equals term ignoring ASCII case (STAT3 -> STAT3, Stat3);
    // if none, genes the term is an OCR alias of (ERK1 -> MAPK3; IL-6 -> IL6).
    std::vector<GeneId> resolve_gene_term(std::string_view term) const;
    // Autocomplete: symbols and aliases starting with prefix (case-insensitive), best first.
    struct Suggestion { std::string text; GeneId gene; bool is_alias; uint32_t figures; };
    std::vector<Suggestion> suggest(std::string_view prefix, size_t max) const;

    // ---- facets ------------------------------------------------------------------------
    const std::vector<std::string>& organisms() const { return organisms_; }
    const std::vector<std::string>& journals() const { return journals_; }
    OrganismId find_organism(std::string_view name) const;   // or kNoOrganism
    int year_min() const { return year_min_; }
    int year_max() const { return year_max_; }

    // ---- raw access (snapshot, query, co-occurrence) ------------------------------------
    const std::vector<AliasEntry>& aliases() const { return aliases_; }  // sorted by key
    // Genes whose symbols came from inline lists or sidecars (keyword genes excluded).
    bool gene_has_own_mentions(GeneId g) const { return g < gene_own_.size() && gene_own_[g]; }
    const std::vector<Sidecar>& pending_sidecars() const { return pending_sidecars_; }

private:
    uint16_t intern_journal(std::string_view name);

    std::vector<Figure> figures_;
    StringMap<FigureId> figid_to_figure_;

    std::vector<std::string> gene_symbols_;
    StringMap<GeneId> symbol_to_gene_;
    StringMap<std::vector<GeneId>> folded_to_genes_;  // upper(symbol)

    std::vector<uint32_t> figure_gene_offsets_;   // figure_count()+1
    std::vector<GeneId> figure_gene_ids_;
    std::vector<uint32_t> posting_offsets_;       // gene_count()+1
    std::vector<FigureId> posting_ids_;

    // (normalised word, gene) -> (first spelling seen, figures), from records and sidecars.
    struct AliasKey {
        std::string key;
        GeneId gene;
        bool operator==(const AliasKey&) const = default;
    };
    struct AliasKeyHash {
        size_t operator()(const AliasKey& k) const {
            return std::hash<std::string_view>{}(k.key) ^ (size_t(k.gene) * 0x9E3779B97F4A7C15ull);
        }
    };
    std::unordered_map<AliasKey, std::pair<std::string, uint32_t>, AliasKeyHash> alias_counts_;
    std::vector<AliasEntry> aliases_;

    std::vector<std::string> organisms_;
    StringMap<OrganismId> organism_ids_;
    std::vector<std::string> journals_;
    StringMap<uint16_t> journal_ids_;
    int year_min_ = 0, year_max_ = 0;

    std::vector<bool> gene_own_;
    std::vector<std::pair<std::string, GeneId>> folded_sorted_;   // (upper(symbol), gene), sorted
    std::vector<Sidecar> pending_sidecars_;
    std::vector<bool> pending_reported_;
};

// Upper-cases ASCII, drops characters other than letters/digits (keeps non-ASCII bytes):
// "IL-6" -> "IL6", "(Src" -> "SRC", "AR*" -> "AR".
std::string normalize_alias(std::string_view word);

}  // namespace figscope
