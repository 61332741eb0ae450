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

// Case-insensitive (ASCII) substring search, Boyer-Moore-Horspool: skips ahead by up to the
// needle's length, so captions are not compared byte by byte (text search runs per keystroke).
// Written out because libc++ 14 (em++ 3.1.6) has no std::boyer_moore_horspool_searcher.
struct CaseInsensitiveSearch {
    std::string needle;   // lower-cased
    size_t skip[256];
    explicit CaseInsensitiveSearch(std::string_view n) {
        for (char c : n) needle += text::ascii_lower(c);
        const size_t m = needle.size();
        for (size_t& s : skip) s = m ? m : 1;
        for (size_t i = 0; i + 1 < m; ++i) {
            const uint8_t c = uint8_t(needle[i]);
            skip[c] = m - 1 - i;
            if (c >= 'a' && c <= 'z') skip[c - 32] = m - 1 - i;   // and its upper case
        }
    }
    bool in(std::string_view hay) const {
        const size_t m = needle.size();
        if (m == 0) return true;
        for (size_t pos = 0; pos + m <= hay.size();) {
            const char last = hay[pos + m - 1];
            if (text::ascii_lower(last) == needle[m - 1]) {
                size_t k = 0;
                while (k + 1 < m && text::ascii_lower(hay[pos + k]) == needle[k]) ++k;
                if (k + 1 >= m) return true;
            }
            pos += skip[uint8_t(last)];
        }
        return false;
    }
};

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
    const std::string needle(text::trim(q.text));
    const CaseInsensitiveSearch search(needle);

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
            if (!needle.empty() && !search.in(fig.record.figtitle) && !search.in(fig.record.caption) &&
                !search.in(fig.record.papertitle))
                continue;
            result.figures.push_back(f);
        }
    }
    return result;
}

FacetCounts facet_counts(const FigureIndex& index, const std::vector<FigureId>& selection) {
    FacetCounts c;
    c.organisms.assign(index.organisms().size(), 0);
    const int y0 = index.year_min(), y1 = index.year_max();
    if (y0 && y1 >= y0) c.years.assign(size_t(y1 - y0 + 1), 0);
    for (FigureId f : selection) {
        const Figure& fig = index.figure(f);
        for (OrganismId o : fig.facet_organisms)
            if (o < c.organisms.size()) ++c.organisms[o];
        const int y = fig.record.year;
        if (y && y >= y0 && y <= y1) ++c.years[size_t(y - y0)];
        else ++c.unknown_year;
    }
    return c;
}

}  // namespace figscope
