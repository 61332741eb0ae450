// figure_index.cpp - FigureIndex: interning, sidecar attachment, postings, facets, aliases.
//
// Index of this file
//   [SECTION] Interning         genes, organisms, journals -> dense ids
//   [SECTION] Adding            add_record / add_figure / add_sidecar / add_alias
//   [SECTION] Finalize          attach sidecars -> keyword genes -> CSR arrays -> facets -> aliases
//   [SECTION] Lookup            find_*, resolve_gene_term, suggest
//
// finalize() rebuilds every derived array from the figures, so it can run after each load
// batch: O(gene mentions), a few ms for the full PFOCR.

#include "figure_index.h"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "text_util.h"

namespace figscope {

std::string normalize_alias(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (char c : word) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
        else if (c >= 'a' && c <= 'z') out += char(c - 32);
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Interning
//-----------------------------------------------------------------------------

GeneId FigureIndex::intern_gene(std::string_view symbol) {
    auto it = symbol_to_gene_.find(symbol);
    if (it != symbol_to_gene_.end()) return it->second;
    GeneId id = GeneId(gene_symbols_.size());
    gene_symbols_.emplace_back(symbol);
    symbol_to_gene_.emplace(std::string(symbol), id);
    folded_to_genes_[text::upper(symbol)].push_back(id);
    return id;
}

OrganismId FigureIndex::intern_organism(std::string_view name) {
    if (name.empty()) return kNoOrganism;
    auto it = organism_ids_.find(name);
    if (it != organism_ids_.end()) return it->second;
    if (organisms_.size() >= kNoOrganism - 1) return kNoOrganism;   // facet full: stays unknown
    OrganismId id = OrganismId(organisms_.size());
    organisms_.emplace_back(name);
    organism_ids_.emplace(std::string(name), id);
    return id;
}

uint16_t FigureIndex::intern_journal(std::string_view name) {
    auto it = journal_ids_.find(name);
    if (it != journal_ids_.end()) return it->second;
    if (journals_.size() >= 0xfffe) return 0;
    uint16_t id = uint16_t(journals_.size());
    journals_.emplace_back(name);
    journal_ids_.emplace(std::string(name), id);
    return id;
}

// Older records have no journal_title; their reftext reads "A. Author, et al. Mol Cell Biol. 2001 ...".
static std::string journal_from_reftext(std::string_view reftext) {
    size_t p = reftext.find("et al. ");
    if (p == std::string_view::npos) return {};
    std::string_view rest = reftext.substr(p + 7);
    size_t end = rest.find(". ");
    if (end == std::string_view::npos) return {};
    return std::string(text::trim(rest.substr(0, end)));
}

//-----------------------------------------------------------------------------
// [SECTION] Adding
//-----------------------------------------------------------------------------

bool FigureIndex::add_record(FigureRecord&& rec, Problems& problems) {
    GenesFrom from = rec.has_inline_genes ? GenesFrom::Inline : GenesFrom::None;
    return add_figure(std::move(rec), from, problems);
}

bool FigureIndex::add_figure(FigureRecord&& rec, GenesFrom from, Problems& problems) {
    std::vector<GeneId> genes;
    std::vector<OrganismId> organisms;
    genes.reserve(rec.genes.size());
    organisms.reserve(rec.genes.size());
    for (const RecordGene& g : rec.genes) {
        genes.push_back(intern_gene(g.symbol));
        organisms.push_back(intern_organism(g.organism));
    }
    for (const GeneWord& w : rec.gene_words) add_alias(w.word, w.symbol, 1);
    return add_figure_interned(std::move(rec), from, std::move(genes), std::move(organisms), problems);
}

bool FigureIndex::add_figure_interned(FigureRecord&& rec, GenesFrom from, std::vector<GeneId>&& genes,
                                      std::vector<OrganismId>&& gene_organisms, Problems& problems) {
    auto dup = figid_to_figure_.find(rec.figid);
    if (dup != figid_to_figure_.end()) {
        problems.add(rec.source_path, rec.source_line,
                     "duplicate figid '" + rec.figid + "': already loaded from " +
                         figures_[dup->second].record.source_path + "; the first one loaded is kept, this one skipped");
        return false;
    }
    if (figures_.size() >= Limits::max_figures) {
        problems.add(rec.source_path, rec.source_line,
                     "figure limit reached (" + std::to_string(Limits::max_figures) + " figures); record skipped");
        return false;
    }
    Figure fig;
    fig.genes_from = genes.empty() ? GenesFrom::None : from;
    fig.has_genes_sidecar = from == GenesFrom::Sidecar;
    fig.own_genes = std::move(genes);
    fig.own_gene_organisms = std::move(gene_organisms);
    fig.own_gene_organisms.resize(fig.own_genes.size(), kNoOrganism);
    rec.genes = {};
    rec.gene_words = {};
    fig.journal_name = rec.journal_title.empty() ? journal_from_reftext(rec.reftext) : rec.journal_title;
    fig.journal = intern_journal(fig.journal_name);
    fig.record = std::move(rec);
    figid_to_figure_.emplace(fig.record.figid, FigureId(figures_.size()));
    figures_.push_back(std::move(fig));
    return true;
}

void FigureIndex::add_alias(std::string_view word, std::string_view symbol, uint32_t figures) {
    AliasKey key{normalize_alias(word), 0};
    if (key.key.empty()) return;
    key.gene = intern_gene(symbol);
    auto& slot = alias_counts_[std::move(key)];
    if (slot.first.empty()) slot.first = std::string(word);
    slot.second += figures;
}

void FigureIndex::add_sidecar(Sidecar&& sc) {
    pending_sidecars_.push_back(std::move(sc));
    pending_reported_.push_back(false);
}

void FigureIndex::clear() { *this = FigureIndex(); }

//-----------------------------------------------------------------------------
// [SECTION] Finalize
//-----------------------------------------------------------------------------

void FigureIndex::finalize(Problems& problems) {
    // 1. Attach sidecars to their figures; keep (and report once) those with no record yet.
    std::vector<Sidecar> still_pending;
    std::vector<bool> still_reported;
    for (size_t i = 0; i < pending_sidecars_.size(); ++i) {
        Sidecar& sc = pending_sidecars_[i];
        FigureId f = find_figure(sc.figid);
        if (f == UINT32_MAX) {
            if (!pending_reported_[i])
                problems.add(sc.path, 0, "no record with figid '" + sc.figid +
                                             "' is loaded; this sidecar is kept and attached if that record is loaded later");
            still_pending.push_back(std::move(sc));
            still_reported.push_back(true);
            continue;
        }
        Figure& fig = figures_[f];
        if (sc.kind == SidecarKind::Genes) {
            if (fig.has_genes_sidecar) {   // skipped whole: its words are not aliases either
                problems.add(sc.path, 0, "a genes sidecar for '" + sc.figid + "' was already loaded; this one is skipped");
                continue;
            }
            for (const GeneWord& w : sc.gene_words) add_alias(w.word, w.symbol, 1);
            fig.has_genes_sidecar = true;
            if (fig.genes_from == GenesFrom::Inline) continue;   // inline genes take precedence
            fig.own_genes.clear();
            fig.own_gene_organisms.clear();
            std::unordered_set<GeneId> seen;   // linear, not quadratic, up to max_genes_per_figure
            for (const RecordGene& g : sc.genes) {
                GeneId id = intern_gene(g.symbol);
                if (!seen.insert(id).second) continue;
                fig.own_genes.push_back(id);
                fig.own_gene_organisms.push_back(intern_organism(g.organism));
            }
            fig.genes_from = fig.own_genes.empty() ? GenesFrom::None : GenesFrom::Sidecar;
        } else {
            auto& dest = sc.kind == SidecarKind::Chemicals ? fig.record.chemicals : fig.record.diseases;
            if (dest.empty()) dest = std::move(sc.terms);
        }
    }
    pending_sidecars_ = std::move(still_pending);
    pending_reported_ = std::move(still_reported);

    // 2. Which genes have real (inline or sidecar) mentions: keyword genes must be among them.
    gene_own_.assign(gene_symbols_.size(), false);
    for (const Figure& fig : figures_)
        for (GeneId g : fig.own_genes) gene_own_[g] = true;

    // 3. Per-figure gene lists (CSR), keyword genes derived for figures with neither layout.
    const size_t nf = figures_.size();
    figure_gene_offsets_.assign(nf + 1, 0);
    figure_gene_ids_.clear();
    std::vector<GeneId> tmp;
    for (size_t f = 0; f < nf; ++f) {
        Figure& fig = figures_[f];
        tmp.clear();
        if (fig.genes_from == GenesFrom::Inline || fig.genes_from == GenesFrom::Sidecar) {
            tmp = fig.own_genes;
        } else {
            fig.genes_from = GenesFrom::None;
            for (const std::string& kw : fig.record.jsonld_keywords) {
                GeneId g = find_gene(kw);
                if (g != kNoGene && gene_own_[g]) tmp.push_back(g);
            }
            if (!tmp.empty()) fig.genes_from = GenesFrom::Keywords;
        }
        std::sort(tmp.begin(), tmp.end());
        tmp.erase(std::unique(tmp.begin(), tmp.end()), tmp.end());
        figure_gene_ids_.insert(figure_gene_ids_.end(), tmp.begin(), tmp.end());
        figure_gene_offsets_[f + 1] = uint32_t(figure_gene_ids_.size());
    }

    // 4. Postings: counting sort of (gene, figure) pairs; figures ascend within each gene.
    const size_t ng = gene_symbols_.size();
    posting_offsets_.assign(ng + 1, 0);
    for (GeneId g : figure_gene_ids_) ++posting_offsets_[g + 1];
    for (size_t g = 0; g < ng; ++g) posting_offsets_[g + 1] += posting_offsets_[g];
    posting_ids_.assign(figure_gene_ids_.size(), 0);
    {
        std::vector<uint32_t> cursor(posting_offsets_.begin(), posting_offsets_.end() - 1);
        for (size_t f = 0; f < nf; ++f)
            for (uint32_t k = figure_gene_offsets_[f]; k < figure_gene_offsets_[f + 1]; ++k)
                posting_ids_[cursor[figure_gene_ids_[k]]++] = FigureId(f);
    }

    // 5. Facets: organisms (record's, else its genes', else NER), years (journals: at add).
    year_min_ = year_max_ = 0;
    for (Figure& fig : figures_) {
        fig.facet_organisms.clear();
        for (const std::string& o : fig.record.organisms) fig.facet_organisms.push_back(intern_organism(o));
        for (OrganismId o : fig.own_gene_organisms) fig.facet_organisms.push_back(o);
        if (fig.facet_organisms.empty() || std::all_of(fig.facet_organisms.begin(), fig.facet_organisms.end(),
                                                       [](OrganismId o) { return o == kNoOrganism; }))
            for (const std::string& o : fig.record.organisms_ner) fig.facet_organisms.push_back(intern_organism(o));
        std::sort(fig.facet_organisms.begin(), fig.facet_organisms.end());
        fig.facet_organisms.erase(std::unique(fig.facet_organisms.begin(), fig.facet_organisms.end()),
                                  fig.facet_organisms.end());
        if (!fig.facet_organisms.empty() && fig.facet_organisms.back() == kNoOrganism) fig.facet_organisms.pop_back();
        int y = fig.record.year;
        if (y) {
            if (!year_min_ || y < year_min_) year_min_ = y;
            if (y > year_max_) year_max_ = y;
        }
    }

    // 6. Aliases sorted by key for prefix search; symbols by folded spelling likewise.
    aliases_.clear();
    aliases_.reserve(alias_counts_.size());
    for (const auto& [key, wc] : alias_counts_) aliases_.push_back({key.key, wc.first, key.gene, wc.second});
    std::sort(aliases_.begin(), aliases_.end(), [](const AliasEntry& a, const AliasEntry& b) {
        if (a.key != b.key) return a.key < b.key;
        if (a.count != b.count) return a.count > b.count;
        return a.gene < b.gene;
    });
    folded_sorted_.clear();
    folded_sorted_.reserve(ng);
    for (GeneId g = 0; g < ng; ++g) folded_sorted_.emplace_back(text::upper(gene_symbols_[g]), g);
    std::sort(folded_sorted_.begin(), folded_sorted_.end());
}

//-----------------------------------------------------------------------------
// [SECTION] Lookup
//-----------------------------------------------------------------------------

FigureId FigureIndex::find_figure(std::string_view figid) const {
    auto it = figid_to_figure_.find(figid);
    return it == figid_to_figure_.end() ? UINT32_MAX : it->second;
}

GeneId FigureIndex::find_gene(std::string_view symbol) const {
    auto it = symbol_to_gene_.find(symbol);
    return it == symbol_to_gene_.end() ? kNoGene : it->second;
}

OrganismId FigureIndex::find_organism(std::string_view name) const {
    auto it = organism_ids_.find(name);
    return it == organism_ids_.end() ? kNoOrganism : it->second;
}

std::span<const GeneId> FigureIndex::figure_genes(FigureId f) const {
    if (f + 1 >= figure_gene_offsets_.size()) return {};
    return {figure_gene_ids_.data() + figure_gene_offsets_[f], figure_gene_offsets_[f + 1] - figure_gene_offsets_[f]};
}

std::span<const FigureId> FigureIndex::postings(GeneId g) const {
    if (g + 1 >= posting_offsets_.size()) return {};
    return {posting_ids_.data() + posting_offsets_[g], posting_offsets_[g + 1] - posting_offsets_[g]};
}

std::vector<GeneId> FigureIndex::resolve_gene_term(std::string_view term) const {
    term = text::trim(term);
    std::vector<GeneId> out;
    if (term.empty()) return out;
    auto add_folded = [&](const std::string& key) {
        auto it = folded_to_genes_.find(key);
        if (it != folded_to_genes_.end())
            for (GeneId g : it->second)
                if (!postings(g).empty()) out.push_back(g);
    };
    add_folded(text::upper(term));
    std::string key = normalize_alias(term);
    if (out.empty() && key != text::upper(term)) add_folded(key);
    if (out.empty() && !key.empty()) {
        auto lo = std::lower_bound(aliases_.begin(), aliases_.end(), key,
                                   [](const AliasEntry& a, const std::string& k) { return a.key < k; });
        for (; lo != aliases_.end() && lo->key == key; ++lo)
            if (!postings(lo->gene).empty()) out.push_back(lo->gene);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<FigureIndex::Suggestion> FigureIndex::suggest(std::string_view prefix, size_t max) const {
    std::vector<Suggestion> out;
    prefix = text::trim(prefix);
    if (prefix.empty() || max == 0) return out;
    const std::string up = text::upper(prefix);
    auto lo = std::lower_bound(folded_sorted_.begin(), folded_sorted_.end(), up,
                               [](const auto& a, const std::string& k) { return a.first < k; });
    for (; lo != folded_sorted_.end() && lo->first.compare(0, up.size(), up) == 0; ++lo) {
        uint32_t n = uint32_t(postings(lo->second).size());
        if (n) out.push_back({gene_symbols_[lo->second], lo->second, false, n});
    }
    const std::string key = normalize_alias(prefix);
    if (!key.empty()) {
        auto a = std::lower_bound(aliases_.begin(), aliases_.end(), key,
                                  [](const AliasEntry& e, const std::string& k) { return e.key < k; });
        for (; a != aliases_.end() && a->key.compare(0, key.size(), key) == 0; ++a) {
            uint32_t n = uint32_t(postings(a->gene).size());
            if (!n || text::upper(a->word) == text::upper(gene_symbols_[a->gene])) continue;
            // A word that is itself a symbol is already offered as that symbol.
            if (folded_to_genes_.count(text::upper(a->word))) continue;
            out.push_back({a->word, a->gene, true, n});
        }
    }
    // Exact matches first, then symbols before aliases, then by how many figures, then name.
    std::stable_sort(out.begin(), out.end(), [&](const Suggestion& x, const Suggestion& y) {
        bool ex = text::upper(x.text) == up, ey = text::upper(y.text) == up;
        if (ex != ey) return ex;
        if (x.is_alias != y.is_alias) return !x.is_alias;
        if (x.figures != y.figures) return x.figures > y.figures;
        return x.text < y.text;
    });
    // One suggestion per (text, gene).
    std::vector<Suggestion> unique;
    for (auto& s : out) {
        bool dup = false;
        for (auto& u : unique) dup |= (u.gene == s.gene && text::upper(u.text) == text::upper(s.text));
        if (!dup) unique.push_back(std::move(s));
        if (unique.size() >= max) break;
    }
    return unique;
}

}  // namespace figscope
