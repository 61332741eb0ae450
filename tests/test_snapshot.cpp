// test_snapshot.cpp - snapshot round trip on the real records, and every way a snapshot
// can be bad: truncated, corrupted, another format version, not a snapshot.
#include <doctest/doctest.h>

#include "snapshot.h"
#include "test_support.h"

using namespace figscope;

namespace {

void check_same(const FigureIndex& a, const FigureIndex& b) {
    REQUIRE(a.figure_count() == b.figure_count());
    CHECK(a.gene_mentions() == b.gene_mentions());
    for (FigureId f = 0; f < a.figure_count(); ++f) {
        const FigureRecord& x = a.figure(f).record;
        FigureId g = b.find_figure(x.figid);
        REQUIRE(g != UINT32_MAX);
        const FigureRecord& y = b.figure(g).record;
        CHECK(x.figtitle == y.figtitle);
        CHECK(x.caption == y.caption);
        CHECK(x.year == y.year);
        CHECK(x.organisms == y.organisms);
        CHECK(x.jsonld_keywords == y.jsonld_keywords);
        CHECK(x.chemicals.size() == y.chemicals.size());
        CHECK(a.figure(f).genes_from == b.figure(g).genes_from);
        CHECK(test::gene_symbols(a, f) == test::gene_symbols(b, g));
        CHECK(a.figure(f).facet_organisms.size() == b.figure(g).facet_organisms.size());
    }
    CHECK(a.aliases().size() == b.aliases().size());
}

}  // namespace

TEST_CASE("snapshot: round trip of seeds + corpus") {
    Problems problems;
    FigureIndex index = test::load({test::seeds_dir(), test::corpus_dir()}, problems);
    std::string bytes = save_snapshot(index);
    FigureIndex back;
    Problems p2;
    REQUIRE(load_snapshot("x.figsnap", bytes, back, p2));
    back.finalize(p2);
    CHECK_MESSAGE(p2.empty(), test::problems_text(p2));
    check_same(index, back);
    CHECK(back.resolve_gene_term("Etk") == index.resolve_gene_term("Etk"));
}

TEST_CASE("snapshot: bad snapshots are rejected whole, with a reason, index untouched") {
    Problems problems;
    FigureIndex index = test::load({test::seeds_dir()}, problems);
    const std::string good = save_snapshot(index);

    auto reject = [&](const std::string& bytes, const char* expect) {
        FigureIndex target = test::load({test::seeds_dir()}, problems);
        const size_t before = target.figure_count();
        Problems p;
        CHECK_FALSE(load_snapshot("bad.figsnap", bytes, target, p));
        REQUIRE(p.size() == 1);
        CHECK_MESSAGE(p.items[0].message.find(expect) != std::string::npos, p.items[0].message);
        CHECK(p.items[0].path == "bad.figsnap");
        CHECK(target.figure_count() == before);
    };
    reject(good.substr(0, good.size() / 2), "truncated");
    reject(good.substr(0, 12), "truncated");
    std::string flipped = good;
    flipped[good.size() - 100] ^= 0x5a;
    reject(flipped, "checksum");
    std::string v2 = good;
    v2[8] = 2;
    reject(v2, "version 2");
    reject("hello world, not a snapshot", "not a figscope snapshot");
    std::string longer = good + "extra";
    reject(longer, "damaged");
}
