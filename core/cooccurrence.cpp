// cooccurrence.cpp - gene frequencies, co-occurrence counts, derived measures, clustering.
//
// Index of this file
//   [SECTION] Frequencies       gene_frequencies: one counter per gene, one pass over the selection
//   [SECTION] Matrix            cooccurrence_matrix: per selected figure, its genes that are rows
//   [SECTION] Measures          Jaccard, lift, -log10 hypergeometric upper tail
//   [SECTION] Clustering        average linkage on 1 - Jaccard, leaf order
//
// The matrix never intersects posting lists pairwise (N^2 of them): each row gene's postings
// set one bit per selected figure, then every figure adds one to each pair of its set bits.
// The work is the rows' mentions plus sum over figures of (rows it mentions)^2.

#include "cooccurrence.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace figscope {

//-----------------------------------------------------------------------------
// [SECTION] Frequencies
//-----------------------------------------------------------------------------

std::vector<GeneCount> gene_frequencies(const FigureIndex& index, const std::vector<FigureId>& selection,
                                        size_t max) {
    // Counting walks figure gene lists. When more than half the figures are selected, start
    // from the posting-list lengths (= counts over all figures) and subtract the unselected ones.
    const size_t nf = index.figure_count();
    std::vector<uint32_t> counts(index.gene_count(), 0);
    if (selection.size() * 2 > nf) {
        for (GeneId g = 0; g < counts.size(); ++g) counts[g] = uint32_t(index.postings(g).size());
        size_t next = 0;   // selection is ascending: walk the figures between its entries
        for (FigureId f = 0; f < nf; ++f) {
            if (next < selection.size() && selection[next] == f) { ++next; continue; }
            for (GeneId g : index.figure_genes(f)) --counts[g];
        }
    } else {
        for (FigureId f : selection)
            for (GeneId g : index.figure_genes(f)) ++counts[g];
    }
    std::vector<GeneCount> out;
    for (GeneId g = 0; g < counts.size(); ++g)
        if (counts[g]) out.push_back({g, counts[g]});
    auto better = [&](const GeneCount& a, const GeneCount& b) {
        if (a.figures != b.figures) return a.figures > b.figures;
        return index.gene_symbol(a.gene) < index.gene_symbol(b.gene);
    };
    if (max && max < out.size()) {
        std::partial_sort(out.begin(), out.begin() + ptrdiff_t(max), out.end(), better);
        out.resize(max);
    } else {
        std::sort(out.begin(), out.end(), better);
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Matrix
//-----------------------------------------------------------------------------

CooccurrenceMatrix cooccurrence_matrix(const FigureIndex& index, const std::vector<FigureId>& selection,
                                       const std::vector<GeneId>& genes) {
    CooccurrenceMatrix m;
    m.genes = genes;
    m.figures = uint32_t(selection.size());
    const size_t n = genes.size(), nf = index.figure_count();
    m.counts.assign(n * n, 0);
    if (n == 0 || selection.empty()) return m;

    // Row of each gene (its first occurrence in `genes`).
    std::vector<size_t> row_of(n);
    for (size_t i = 0; i < n; ++i) {
        row_of[i] = i;
        for (size_t k = 0; k < i; ++k)
            if (genes[k] == genes[i]) { row_of[i] = k; break; }
    }
    // Per selected figure, a bit mask of the rows it mentions, filled from the rows' posting
    // lists (only the rows' mentions are touched, not every gene of every figure).
    std::vector<uint8_t> selected(nf, 0);
    for (FigureId f : selection)
        if (f < nf) selected[f] = 1;
    const size_t words = (n + 63) / 64;
    std::vector<uint64_t> mask(nf * words, 0);
    for (size_t i = 0; i < n; ++i) {
        if (row_of[i] != i || genes[i] >= index.gene_count()) continue;
        for (FigureId f : index.postings(genes[i]))
            if (selected[f]) mask[size_t(f) * words + i / 64] |= uint64_t(1) << (i % 64);
    }
    // Each figure adds one to every pair of its rows; the upper triangle only, mirrored after.
    std::vector<uint32_t> rows(n);
    for (FigureId f : selection) {
        if (f >= nf) continue;
        size_t k = 0;
        const uint64_t* fm = &mask[size_t(f) * words];
        for (size_t w = 0; w < words; ++w)
            for (uint64_t b = fm[w]; b; b &= b - 1) rows[k++] = uint32_t(w * 64 + size_t(std::countr_zero(b)));
        for (size_t a = 0; a < k; ++a) {
            uint32_t* row = &m.counts[size_t(rows[a]) * n];
            for (size_t c = a; c < k; ++c) ++row[rows[c]];
        }
    }
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j) m.counts[j * n + i] = m.counts[i * n + j];
    // A gene listed twice gets the same row and column values as its first occurrence.
    for (size_t i = 0; i < n; ++i) {
        if (row_of[i] == i) continue;
        for (size_t j = 0; j < n; ++j)
            m.counts[i * n + j] = m.counts[j * n + i] = m.counts[row_of[i] * n + row_of[j]];
    }
    return m;
}

//-----------------------------------------------------------------------------
// [SECTION] Measures
//-----------------------------------------------------------------------------

const char* measure_name(CooccurrenceMeasure m) {
    switch (m) {
        case CooccurrenceMeasure::Count: return "count";
        case CooccurrenceMeasure::Jaccard: return "jaccard";
        case CooccurrenceMeasure::Lift: return "lift";
        case CooccurrenceMeasure::NegLog10P: return "neg_log10_p";
    }
    return "?";
}

// log(n!) from a table when one is given (lf[i] = log i!, i <= N), else lgamma.
static inline double log_factorial(uint32_t n, const double* lf) { return lf ? lf[n] : std::lgamma(double(n) + 1); }

static double hypergeometric_tail(uint32_t k, uint32_t N, uint32_t K, uint32_t n, const double* lf) {
    auto log_choose = [lf](uint32_t a, uint32_t b) { return log_factorial(a, lf) - log_factorial(b, lf) - log_factorial(a - b, lf); };
    if (K > N || n > N) return 0.0;
    const uint32_t lo = (n + K > N) ? n + K - N : 0;
    const uint32_t hi = std::min(K, n);
    if (k <= lo) return 0.0;           // P(X >= k) = 1
    if (k > hi) return std::numeric_limits<double>::infinity();
    // log P(X = x), summed from x = k upwards with log-sum-exp; terms fall off fast.
    const double log_total = log_choose(N, n);
    double max_term = -std::numeric_limits<double>::infinity();
    double sum = 0.0;
    for (uint32_t x = k; x <= hi; ++x) {
        double t = log_choose(K, x) + log_choose(N - K, n - x) - log_total;
        if (t > max_term) {
            sum = sum * std::exp(max_term - t) + 1.0;
            max_term = t;
        } else {
            double r = std::exp(t - max_term);
            sum += r;
            if (r < 1e-17 * sum && x > k + 1) break;   // past the mode the tail only shrinks
        }
    }
    double log10_p = (max_term + std::log(sum)) / std::log(10.0);
    return log10_p >= 0 ? 0.0 : -log10_p;
}

double neg_log10_hypergeometric_tail(uint32_t k, uint32_t N, uint32_t K, uint32_t n) {
    return hypergeometric_tail(k, N, K, n, nullptr);
}

double cooccurrence_value(const CooccurrenceMatrix& m, size_t i, size_t j, CooccurrenceMeasure measure) {
    const double cij = m.at(i, j), ci = m.at(i, i), cj = m.at(j, j);
    switch (measure) {
        case CooccurrenceMeasure::Count: return cij;
        case CooccurrenceMeasure::Jaccard: {
            double u = ci + cj - cij;
            return u > 0 ? cij / u : 0.0;
        }
        case CooccurrenceMeasure::Lift:
            return (ci > 0 && cj > 0) ? cij * double(m.figures) / (ci * cj) : 0.0;
        case CooccurrenceMeasure::NegLog10P:
            return neg_log10_hypergeometric_tail(uint32_t(cij), m.figures, uint32_t(ci), uint32_t(cj));
    }
    return 0.0;
}

std::vector<double> cooccurrence_values(const CooccurrenceMatrix& m, CooccurrenceMeasure measure) {
    const size_t n = m.n();
    std::vector<double> v(n * n, 0.0);
    if (measure == CooccurrenceMeasure::NegLog10P) {
        // One log-factorial table for all cells instead of lgamma calls in every tail term.
        std::vector<double> lf(size_t(m.figures) + 1, 0.0);
        for (size_t i = 2; i < lf.size(); ++i) lf[i] = lf[i - 1] + std::log(double(i));
        for (size_t i = 0; i < n; ++i)
            for (size_t j = i; j < n; ++j)
                v[i * n + j] = v[j * n + i] = hypergeometric_tail(m.at(i, j), m.figures, m.at(i, i), m.at(j, j), lf.data());
        return v;
    }
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i; j < n; ++j) v[i * n + j] = v[j * n + i] = cooccurrence_value(m, i, j, measure);
    return v;
}

//-----------------------------------------------------------------------------
// [SECTION] Clustering
//-----------------------------------------------------------------------------

std::vector<size_t> cluster_order(const CooccurrenceMatrix& m) {
    const size_t n = m.n();
    if (n <= 2) {
        std::vector<size_t> order(n);
        for (size_t i = 0; i < n; ++i) order[i] = i;
        return order;
    }
    // Distance between clusters = average pairwise (1 - Jaccard). Naive O(n^3): n <= ~200.
    std::vector<double> d(n * n, 0.0);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
            d[i * n + j] = i == j ? 0.0 : 1.0 - cooccurrence_value(m, i, j, CooccurrenceMeasure::Jaccard);
    std::vector<std::vector<size_t>> members(n);   // leaf order of each live cluster
    std::vector<size_t> size(n, 1);
    std::vector<bool> live(n, true);
    for (size_t i = 0; i < n; ++i) members[i] = {i};
    for (size_t step = 0; step + 1 < n; ++step) {
        size_t bi = 0, bj = 0;
        double best = std::numeric_limits<double>::infinity();
        for (size_t i = 0; i < n; ++i) {
            if (!live[i]) continue;
            for (size_t j = i + 1; j < n; ++j)
                if (live[j] && d[i * n + j] < best) { best = d[i * n + j]; bi = i; bj = j; }
        }
        // Merge bj into bi (bi's leaves first: i < j, so the order is deterministic).
        for (size_t k = 0; k < n; ++k) {
            if (!live[k] || k == bi || k == bj) continue;
            double v = (d[bi * n + k] * double(size[bi]) + d[bj * n + k] * double(size[bj])) / double(size[bi] + size[bj]);
            d[bi * n + k] = d[k * n + bi] = v;
        }
        members[bi].insert(members[bi].end(), members[bj].begin(), members[bj].end());
        members[bj].clear();
        size[bi] += size[bj];
        live[bj] = false;
    }
    for (size_t i = 0; i < n; ++i)
        if (live[i]) return members[i];
    return {};
}

}  // namespace figscope
