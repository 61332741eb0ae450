// test_query.cpp - queries and co-occurrence on the real records, checked against results
// computed another way (brute force over each figure's gene list) inside the test.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "cooccurrence.h"
#include "query.h"
#include "test_support.h"

using namespace figscope;

namespace {

const FigureIndex& corpus_index() {
    static Problems problems;
    static FigureIndex index = test::load({test::seeds_dir(), test::corpus_dir()}, problems);
    return index;
}

// Does figure f mention a gene whose symbol equals term ignoring ASCII case?
bool mentions(const FigureIndex& index, FigureId f, const std::string& term) {
    for (GeneId g : index.figure_genes(f)) {
        const std::string& s = index.gene_symbol(g);
        if (s.size() == term.size() &&
            std::equal(s.begin(), s.end(), term.begin(), [](char a, char b) { return std::toupper(a) == std::toupper(b); }))
            return true;
    }
    return false;
}

std::vector<FigureId> brute(const FigureIndex& index, const std::vector<std::string>& all,
                            const std::vector<std::string>& any, const std::vector<std::string>& none) {
    std::vector<FigureId> out;
    for (FigureId f = 0; f < index.figure_count(); ++f) {
        bool ok = std::all_of(all.begin(), all.end(), [&](auto& t) { return mentions(index, f, t); });
        if (!any.empty()) ok = ok && std::any_of(any.begin(), any.end(), [&](auto& t) { return mentions(index, f, t); });
        ok = ok && std::none_of(none.begin(), none.end(), [&](auto& t) { return mentions(index, f, t); });
        if (ok) out.push_back(f);
    }
    return out;
}

}  // namespace

TEST_CASE("query: ALL / ANY / NOT agree with a brute-force scan") {
    const FigureIndex& index = corpus_index();
    REQUIRE(index.figure_count() > 200);
    struct Case { std::vector<std::string> genes; GeneMode mode; std::vector<std::string> not_genes; };
    const Case cases[] = {
        {{"STAT3"}, GeneMode::All, {}},
        {{"STAT3", "JAK2"}, GeneMode::All, {}},
        {{"STAT3", "JAK2", "TNF"}, GeneMode::Any, {}},
        {{"AKT1", "MTOR", "PIK3CA"}, GeneMode::All, {}},
        {{"tp53"}, GeneMode::All, {"MDM2"}},
        {{}, GeneMode::All, {"STAT3"}},
        {{"IL6", "TNF"}, GeneMode::Any, {"STAT3", "NFKB1"}},
    };
    for (const Case& c : cases) {
        FigureQuery q;
        q.genes = c.genes;
        q.mode = c.mode;
        q.not_genes = c.not_genes;
        std::vector<FigureId> expected = c.mode == GeneMode::All ? brute(index, c.genes, {}, c.not_genes)
                                                                 : brute(index, {}, c.genes, c.not_genes);
        QueryResult r = run_query(index, q);
        CHECK_MESSAGE(r.figures == expected, (c.genes.empty() ? std::string("-") : c.genes[0]));
    }
    FigureQuery stat3;
    stat3.genes = {"STAT3"};
    CHECK(run_query(index, stat3).figures.size() >= 5);   // the JAK-STAT seeds at least
}

TEST_CASE("query: organism, year range and text filters") {
    const FigureIndex& index = corpus_index();
    FigureQuery q;
    q.organisms = {"Mus musculus"};
    q.year_min = 2015;
    q.year_max = 2023;
    q.text = "SIGNALING";
    QueryResult r = run_query(index, q);
    size_t expected = 0;
    for (FigureId f = 0; f < index.figure_count(); ++f) {
        const Figure& fig = index.figure(f);
        bool org = false;
        for (OrganismId o : fig.facet_organisms) org |= index.organisms()[o] == "Mus musculus";
        auto has = [](std::string s) {
            for (char& c : s) c = char(std::tolower(c));
            return s.find("signaling") != std::string::npos;
        };
        bool text = has(fig.record.figtitle) || has(fig.record.caption) || has(fig.record.papertitle);
        if (org && fig.record.year >= 2015 && fig.record.year <= 2023 && text) ++expected;
    }
    CHECK(r.figures.size() == expected);
    CHECK(expected > 0);
    FigureQuery unknown;
    unknown.genes = {"NOT_A_GENE_XYZ"};
    QueryResult u = run_query(index, unknown);
    CHECK(u.figures.empty());
    CHECK(u.unknown_terms == std::vector<std::string>{"NOT_A_GENE_XYZ"});
}

TEST_CASE("co-occurrence: counts equal pairwise posting intersections") {
    const FigureIndex& index = corpus_index();
    FigureQuery q;   // everything
    std::vector<FigureId> sel = run_query(index, q).figures;
    auto top = gene_frequencies(index, sel, 40);
    REQUIRE(top.size() == 40);
    for (size_t i = 1; i < top.size(); ++i) CHECK(top[i - 1].figures >= top[i].figures);
    std::vector<GeneId> genes;
    for (auto& gc : top) genes.push_back(gc.gene);
    CooccurrenceMatrix m = cooccurrence_matrix(index, sel, genes);
    for (size_t i = 0; i < genes.size(); ++i) {
        CHECK(m.at(i, i) == top[i].figures);
        CHECK(m.at(i, i) == index.postings(genes[i]).size());
        for (size_t j = 0; j < genes.size(); ++j) {
            auto a = index.postings(genes[i]), b = index.postings(genes[j]);
            std::vector<FigureId> both;
            std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
            CHECK(m.at(i, j) == both.size());
        }
    }
    // On a gene-filtered selection, every count is bounded by the selection.
    FigureQuery s;
    s.genes = {"STAT3"};
    std::vector<FigureId> sel3 = run_query(index, s).figures;
    CooccurrenceMatrix m3 = cooccurrence_matrix(index, sel3, {index.find_gene("STAT3"), index.find_gene("JAK2")});
    CHECK(m3.at(0, 0) == sel3.size());
    const GeneId jak2 = index.find_gene("JAK2");
    REQUIRE(jak2 != kNoGene);
    size_t both = 0;
    for (FigureId f : sel3) {
        auto genes_f = index.figure_genes(f);
        both += std::find(genes_f.begin(), genes_f.end(), jak2) != genes_f.end();
    }
    CHECK(m3.at(0, 1) == both);
    CHECK(m3.at(1, 0) == both);
}

TEST_CASE("co-occurrence measures") {
    CooccurrenceMatrix m;
    m.genes = {0, 1};
    m.figures = 100;
    m.counts = {20, 10, 10, 30};
    CHECK(cooccurrence_value(m, 0, 1, CooccurrenceMeasure::Jaccard) == doctest::Approx(10.0 / 40.0));
    CHECK(cooccurrence_value(m, 0, 1, CooccurrenceMeasure::Lift) == doctest::Approx(10.0 * 100 / (20.0 * 30.0)));
    // Hypergeometric tail by direct summation of exact binomial ratios.
    auto choose = [](int n, int k) {
        long double r = 1;
        for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
        return r;
    };
    long double p = 0;
    for (int x = 10; x <= 20; ++x) p += choose(20, x) * choose(80, 30 - x) / choose(100, 30);
    CHECK(cooccurrence_value(m, 0, 1, CooccurrenceMeasure::NegLog10P) == doctest::Approx(-std::log10((double)p)).epsilon(1e-9));
    CHECK(neg_log10_hypergeometric_tail(0, 100, 20, 30) == 0.0);
    // Clustering puts the two genes that always co-occur next to each other.
    CooccurrenceMatrix c;
    c.genes = {0, 1, 2, 3};
    c.figures = 10;
    c.counts = {5, 0, 5, 0,
                0, 4, 0, 4,
                5, 0, 5, 0,
                0, 4, 0, 4};
    auto order = cluster_order(c);
    REQUIRE(order.size() == 4);
    auto pos = [&](size_t g) { return std::find(order.begin(), order.end(), g) - order.begin(); };
    CHECK(std::abs(pos(0) - pos(2)) == 1);
    CHECK(std::abs(pos(1) - pos(3)) == 1);
}

TEST_CASE("facet counts of a selection agree with a scan") {
    const FigureIndex& index = corpus_index();
    FigureQuery q;
    q.genes = {"AKT1"};
    std::vector<FigureId> sel = run_query(index, q).figures;
    FacetCounts c = facet_counts(index, sel);
    REQUIRE(c.organisms.size() == index.organisms().size());
    size_t with_year = 0;
    for (FigureId f : sel) with_year += index.figure(f).record.year != 0;
    size_t year_total = 0;
    for (uint32_t n : c.years) year_total += n;
    CHECK(year_total == with_year);
    CHECK(c.unknown_year == sel.size() - with_year);
    OrganismId human = index.find_organism("Homo sapiens");
    REQUIRE(human != kNoOrganism);
    size_t humans = 0;
    for (FigureId f : sel)
        for (OrganismId o : index.figure(f).facet_organisms) humans += o == human;
    CHECK(c.organisms[human] == humans);
    CHECK(humans > 0);
}

TEST_CASE("whole-matrix measures equal the per-cell ones") {
    const FigureIndex& index = corpus_index();
    std::vector<FigureId> sel = run_query(index, FigureQuery{}).figures;
    std::vector<GeneId> genes;
    for (auto& gc : gene_frequencies(index, sel, 25)) genes.push_back(gc.gene);
    CooccurrenceMatrix m = cooccurrence_matrix(index, sel, genes);
    for (auto measure : {CooccurrenceMeasure::Count, CooccurrenceMeasure::Jaccard, CooccurrenceMeasure::Lift,
                         CooccurrenceMeasure::NegLog10P}) {
        std::vector<double> all = cooccurrence_values(m, measure);
        for (size_t i = 0; i < m.n(); ++i)
            for (size_t j = 0; j < m.n(); ++j) {
                double one = cooccurrence_value(m, i, j, measure);
                if (std::isinf(one)) CHECK(std::isinf(all[i * m.n() + j]));
                else CHECK(all[i * m.n() + j] == doctest::Approx(one).epsilon(1e-9));
            }
    }
}

TEST_CASE("gene frequencies and matrices on partial selections, both counting paths") {
    const FigureIndex& index = corpus_index();
    for (const char* notg : {"", "STAT3"}) {   // a small selection (STAT3 figures) and a large one (all but)
        FigureQuery q;
        if (*notg) q.not_genes = {notg};
        else q.genes = {"STAT3"};
        std::vector<FigureId> sel = run_query(index, q).figures;
        std::vector<uint32_t> brute(index.gene_count(), 0);
        for (FigureId f : sel)
            for (GeneId g : index.figure_genes(f)) ++brute[g];
        auto freq = gene_frequencies(index, sel);
        size_t nonzero = 0;
        for (uint32_t c : brute) nonzero += c != 0;
        CHECK(freq.size() == nonzero);
        for (const GeneCount& gc : freq) CHECK(gc.figures == brute[gc.gene]);
        // A gene listed twice mirrors its first row.
        std::vector<GeneId> genes = {freq[0].gene, freq[1].gene, freq[0].gene};
        CooccurrenceMatrix m = cooccurrence_matrix(index, sel, genes);
        CHECK(m.at(2, 2) == brute[freq[0].gene]);
        CHECK(m.at(2, 1) == m.at(0, 1));
        CHECK(m.at(1, 2) == m.at(1, 0));
        CHECK(m.at(0, 2) == m.at(0, 0));
    }
}
