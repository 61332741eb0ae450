// cooccurrence.h - gene frequencies and gene x gene co-occurrence over a figure selection.
#pragma once
#include <cstdint>
#include <vector>

#include "figure_index.h"

namespace figscope {

struct GeneCount { GeneId gene; uint32_t figures; };

// Genes of the selected figures by how many selected figures mention them
// (descending; ties by symbol ascending). max = 0 means all.
std::vector<GeneCount> gene_frequencies(const FigureIndex& index,
                                        const std::vector<FigureId>& selection, size_t max = 0);

struct CooccurrenceMatrix {
    std::vector<GeneId> genes;       // rows == columns
    std::vector<uint32_t> counts;    // n*n, symmetric; counts[i*n+i] = figures mentioning gene i
    uint32_t figures = 0;            // size of the selection
    size_t n() const { return genes.size(); }
    uint32_t at(size_t i, size_t j) const { return counts[i * genes.size() + j]; }
};

// The symmetric matrix of how many selected figures mention both genes.
CooccurrenceMatrix cooccurrence_matrix(const FigureIndex& index,
                                       const std::vector<FigureId>& selection,
                                       const std::vector<GeneId>& genes);

enum class CooccurrenceMeasure : uint8_t { Count, Jaccard, Lift, NegLog10P };
const char* measure_name(CooccurrenceMeasure m);
// Value of cell (i,j) under a measure. Lift = observed / expected (c_ij * N / (c_i * c_j));
// NegLog10P = -log10 of the hypergeometric upper tail P(X >= c_ij).
double cooccurrence_value(const CooccurrenceMatrix& m, size_t i, size_t j, CooccurrenceMeasure measure);
// All n*n values at once (what a heatmap draws; compute once per change, not per frame).
std::vector<double> cooccurrence_values(const CooccurrenceMatrix& m, CooccurrenceMeasure measure);

// -log10 P(X >= k) for X ~ Hypergeometric(population N, successes K, draws n).
double neg_log10_hypergeometric_tail(uint32_t k, uint32_t N, uint32_t K, uint32_t n);

// Leaf order of average-linkage hierarchical clustering on distance 1 - Jaccard.
std::vector<size_t> cluster_order(const CooccurrenceMatrix& m);

}  // namespace figscope
