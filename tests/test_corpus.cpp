// test_corpus.cpp - the whole real sample in ../shared/corpus (PFOCR site layout).
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "figure_record.h"
#include "test_support.h"

using namespace figscope;

TEST_CASE("corpus: every record loads with the layout README describes") {
    Problems problems;
    FigureIndex index = test::load({test::corpus_dir()}, problems);
    CHECK_MESSAGE(problems.empty(), test::problems_text(problems));
    // shared/README.md: 50 with inline genes, 177 with a genes sidecar, 12 with neither.
    // Counted here from the files themselves, so the test follows the sample as it grows.
    Problems p2;
    std::vector<InputFile> files = read_paths({test::corpus_dir()}, p2);
    size_t records = 0, sidecar_genes = 0;
    std::set<std::string> sidecar_figids;
    for (const InputFile& f : files) {
        SidecarKind kind;
        std::string figid;
        if (sidecar_name(f.path, kind, figid)) {
            if (kind == SidecarKind::Genes) { ++sidecar_genes; sidecar_figids.insert(figid); }
        } else {
            ++records;
        }
    }
    CHECK(index.figure_count() == records);
    CHECK(records >= 239);
    std::map<GenesFrom, size_t> by_source;
    for (FigureId f = 0; f < index.figure_count(); ++f) {
        const Figure& fig = index.figure(f);
        ++by_source[fig.genes_from];
        CHECK_MESSAGE(!fig.record.figid.empty(), fig.record.source_path);
        CHECK_MESSAGE(!fig.record.figtitle.empty(), fig.record.figid);
        CHECK_MESSAGE((fig.record.year == 0 || fig.record.year >= 1990), fig.record.figid);   // some have year: ''
        CHECK_MESSAGE(std::string(test::base_name_of(fig.record.source_path)) == fig.record.figid + ".md",
                      fig.record.source_path);
        // A figure with a genes sidecar takes its genes from it unless it has inline genes.
        if (sidecar_figids.count(fig.record.figid) && fig.genes_from != GenesFrom::Inline)
            CHECK_MESSAGE(fig.genes_from == GenesFrom::Sidecar, fig.record.figid);
        // Every figure whose genes came from a list has some; keyword figures may have none.
        if (fig.genes_from != GenesFrom::None) CHECK_MESSAGE(index.figure_genes(f).size() > 0, fig.record.figid);
    }
    CHECK(by_source[GenesFrom::Sidecar] == sidecar_genes);
    CHECK(by_source[GenesFrom::Inline] >= 50);
    CHECK(by_source[GenesFrom::Keywords] + by_source[GenesFrom::None] ==
          records - by_source[GenesFrom::Inline] - by_source[GenesFrom::Sidecar]);
    // 21 organisms appear in the sidecars.
    std::set<std::string> sidecar_orgs;
    for (FigureId f = 0; f < index.figure_count(); ++f)
        if (index.figure(f).genes_from == GenesFrom::Sidecar)
            for (OrganismId o : index.figure(f).own_gene_organisms)
                if (o != kNoOrganism) sidecar_orgs.insert(index.organisms()[o]);
    CHECK(sidecar_orgs.size() >= 21);
}

TEST_CASE("corpus: a sidecar figure's genes equal the unique ncbigene_symbol values of its TSV") {
    Problems problems;
    FigureIndex index = test::load({test::corpus_dir()}, problems);
    const std::string figid = "PMC10030510__fimmu-14-1140749-g002";
    FigureId f = index.find_figure(figid);
    REQUIRE(f != UINT32_MAX);
    // Read the TSV naively here (column 6 = ncbigene_symbol in this file's header).
    std::ifstream in(test::corpus_dir() + "/_data/" + figid + "-genes.tsv");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    REQUIRE(line.rfind("organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol", 0) == 0);
    std::set<std::string> expected;
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string field;
        for (int c = 0; c < 6 && std::getline(ss, field, '\t'); ++c) {}
        if (!field.empty() && field != "NA") expected.insert(field);
    }
    std::vector<std::string> got = test::gene_symbols(index, f);
    CHECK(std::vector<std::string>(expected.begin(), expected.end()) == got);
    CHECK(index.figure(f).genes_from == GenesFrom::Sidecar);
    CHECK(!index.figure(f).record.chemicals.empty());   // -chemicals.tsv attached
    // Several organisms in one figure.
    CHECK(index.figure(f).facet_organisms.size() >= 2);
}

TEST_CASE("load_files (parallel parse natively) equals loading file by file, problems in the same order") {
    Problems p0;
    std::vector<InputFile> files = read_paths({test::seeds_dir(), test::corpus_dir()}, p0);
    REQUIRE(files.size() >= 64);   // enough for load_files to use its threads natively
    // A duplicate figid and bad files among the good ones, so problem order matters.
    files.push_back({"zz/dup.md", files.front().bytes});
    files.push_back({"aa/broken.md", "---\nfigid: x\ncaption: \"unclosed\n---\n"});
    files.push_back({"mm/empty.md", ""});
    files.push_back({"mm/PMC0__nothing-genes.tsv", "word\tncbigene_symbol\nfoo\tBAR\n"});

    FigureIndex a, b;
    Problems pa, pb;
    load_files(a, files, pa);
    std::vector<InputFile> sorted = files;
    std::sort(sorted.begin(), sorted.end(), [](const InputFile& x, const InputFile& y) { return x.path < y.path; });
    for (const InputFile& f : sorted) load_file(b, f, pb);
    b.finalize(pb);

    REQUIRE(pa.size() == pb.size());
    CHECK(pa.size() >= 4);
    for (size_t i = 0; i < pa.size(); ++i) CHECK(pa.items[i].to_string() == pb.items[i].to_string());
    REQUIRE(a.figure_count() == b.figure_count());
    for (FigureId f = 0; f < a.figure_count(); ++f) {
        CHECK(a.figure(f).record.figid == b.figure(f).record.figid);
        CHECK(test::gene_symbols(a, f) == test::gene_symbols(b, f));
        CHECK(a.figure(f).record.caption == b.figure(f).record.caption);
    }
}
