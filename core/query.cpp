// query.cpp - run_query: gene terms -> posting unions -> ALL/ANY/NOT set algebra on
// bitsets -> organism, year and text filters on the surviving figures.
#include "query.h"

#include <algorithm>
#include <bit>

#include "text_util.h"

namespace figscope {

size_t FigureBitset::count() const {
    size_t n = 0;
    for (uint64_t w : words) n += size_t(std::popcount(w));
    return n;
}

namespace {

// Figures mentioning any gene the term resolves to.
FigureBitset term_figures(const FigureIndex& index, const std::vector<GeneId>& genes) {
    FigureBitset bits(index.figure_count());
    for (GeneId g : genes)
        for (FigureId f : index.postings(g)) bits.set(f);
    return bits;
}

bool contains_ci(std::string_view hay, std::string_view needle_lower) {
    if (needle_lower.empty()) return true;
    if (hay.size() < needle_lower.size()) return false;
    const char first = needle_lower[0];
    for (size_t i = 0; i + needle_lower.size() <= hay.size(); ++i) {
        if (text::ascii_lower(hay[i]) != first) continue;
        size_t k = 1;
        while (k < needle_lower.size() && text::ascii_lower(hay[i + k]) == needle_lower[k]) ++k;
        if (k == needle_lower.size()) return true;
    }
    return false;
}

}  // namespace

QueryResult run_query(const FigureIndex& index, const FigureQuery& q) {
    QueryResult result;
    const size_t nf = index.figure_count();
    const size_t nw = (nf + 63) / 64;

    // Genes: start from everything (no gene terms) or from the first term's figures.
    FigureBitset sel(nf);
    bool have_terms = false;
    for (const std::string& term : q.genes) {
        if (text::trim(term).empty()) continue;
        std::vector<GeneId> genes = index.resolve_gene_term(term);
        if (genes.empty()) result.unknown_terms.push_back(term);
        FigureBitset t = term_figures(index, genes);
        if (!have_terms) {
            sel = std::move(t);
            have_terms = true;
        } else if (q.mode == GeneMode::All) {
            for (size_t w = 0; w < nw; ++w) sel.words[w] &= t.words[w];
        } else {
            for (size_t w = 0; w < nw; ++w) sel.words[w] |= t.words[w];
        }
    }
    if (!have_terms) {
        std::fill(sel.words.begin(), sel.words.end(), ~uint64_t(0));
        if (nf % 64) sel.words.back() = (uint64_t(1) << (nf % 64)) - 1;
    }
    for (const std::string& term : q.not_genes) {
        if (text::trim(term).empty()) continue;
        std::vector<GeneId> genes = index.resolve_gene_term(term);
        if (genes.empty()) result.unknown_terms.push_back(term);
        FigureBitset t = term_figures(index, genes);
        for (size_t w = 0; w < nw; ++w) sel.words[w] &= ~t.words[w];
    }

    // Facets and text, on the figures that survived the gene algebra.
    std::vector<OrganismId> orgs;
    for (const std::string& o : q.organisms) orgs.push_back(index.find_organism(o));
    const bool by_org = !q.organisms.empty();
    std::string needle;
    for (char c : text::trim(q.text)) needle += text::ascii_lower(c);

    for (size_t w = 0; w < nw; ++w) {
        uint64_t bits = sel.words[w];
        while (bits) {
            FigureId f = FigureId(w * 64 + size_t(std::countr_zero(bits)));
            bits &= bits - 1;
            const Figure& fig = index.figure(f);
            if (q.year_min && (!fig.record.year || fig.record.year < q.year_min)) continue;
            if (q.year_max && (!fig.record.year || fig.record.year > q.year_max)) continue;
            if (by_org && std::none_of(fig.facet_organisms.begin(), fig.facet_organisms.end(), [&](OrganismId o) {
                    return std::find(orgs.begin(), orgs.end(), o) != orgs.end();
                }))
                continue;
            if (!needle.empty() && !contains_ci(fig.record.figtitle, needle) &&
                !contains_ci(fig.record.caption, needle) && !contains_ci(fig.record.papertitle, needle))
                continue;
            result.figures.push_back(f);
        }
    }
    return result;
}

}  // namespace figscope
