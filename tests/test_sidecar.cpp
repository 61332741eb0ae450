// test_sidecar.cpp - the TSV sidecar reader: header variants, bad rows, bad headers.
#include <doctest/doctest.h>

#include "figure_index.h"
#include "figure_record.h"

using namespace figscope;

TEST_CASE("sidecar: columns found by name, NA dropped, duplicates merged") {
    const char* tsv =
        "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_match\n"
        "9606\tHomo sapiens\tPrimates\tERK1\tERK1\tMAPK3\t5595\tncbigene_synonym\t1\t1\n"
        "9606\tHomo sapiens\tPrimates\tp44\tp44\tMAPK3\t5595\tncbigene_synonym\t1\t1\n"
        "10090\tMus musculus\tRodents\tErk1\tERK1\tMapk3\t26417\tncbigene_synonym\t1\t1\n"
        "9606\tHomo sapiens\tPrimates\tfoo\tfoo\tNA\tNA\tNA\t1\t1\n";
    Sidecar sc;
    Problems p;
    REQUIRE(parse_sidecar_tsv("_data/PMCX__f1-genes.tsv", tsv, sc, p));
    CHECK(p.empty());
    CHECK(sc.figid == "PMCX__f1");
    CHECK(sc.kind == SidecarKind::Genes);
    REQUIRE(sc.genes.size() == 2);
    CHECK(sc.genes[0].symbol == "MAPK3");
    CHECK(sc.genes[0].organism == "Homo sapiens");
    CHECK(sc.genes[1].symbol == "Mapk3");
    CHECK(sc.gene_words.size() >= 3);
}

TEST_CASE("sidecar: wrong header, short and long rows") {
    Sidecar sc;
    Problems p;
    CHECK_FALSE(parse_sidecar_tsv("d/PMCX__f1-genes.tsv", "a\tb\tc\n1\t2\t3\n", sc, p));
    REQUIRE(p.size() == 1);
    CHECK(p.items[0].line == 1);
    CHECK(p.items[0].message.find("header lacks the column 'word'") == 0);

    Problems q;
    const char* tsv =
        "word\tmesh\tmatch\tname\tchebi\n"
        "ATP\tmesh:D000255\tATP\tATP\tchebi:15422\n"
        "short\trow\n"
        "long\ta\tb\tc\td\te\n"
        "NADH\tmesh:D009243\tNAD\tNAD(+)\tchebi:15846\n";
    REQUIRE(parse_sidecar_tsv("d/PMCX__f1-chemicals.tsv", tsv, sc, q));
    REQUIRE(q.size() == 2);
    CHECK(q.items[0].to_string() == "d/PMCX__f1-chemicals.tsv:3: row has 2 fields, the header has 5; row skipped");
    CHECK(q.items[1].line == 4);
    REQUIRE(sc.terms.size() == 2);
    CHECK(sc.terms[1].name == "NAD(+)");
    CHECK(sc.terms[1].id == "chebi:15846");
}

TEST_CASE("sidecar with no record is reported and attached when the record arrives") {
    FigureIndex index;
    Problems p;
    Sidecar sc;
    REQUIRE(parse_sidecar_tsv("PMCZ__f9-genes.tsv",
                              "organism_name\tword\tncbigene_symbol\nHomo sapiens\tp53\tTP53\n", sc, p));
    index.add_sidecar(std::move(sc));
    index.finalize(p);
    REQUIRE(p.size() == 1);
    CHECK(p.items[0].message.find("no record with figid 'PMCZ__f9'") == 0);
    FigureRecord rec;
    REQUIRE(parse_figure_record("PMCZ__f9.md", "---\nfigid: PMCZ__f9\nfigtitle: T\n---\n", rec, p));
    REQUIRE(index.add_record(std::move(rec), p));
    index.finalize(p);
    CHECK(p.size() == 1);   // not reported twice
    FigureId f = index.find_figure("PMCZ__f9");
    REQUIRE(index.figure_genes(f).size() == 1);
    CHECK(index.gene_symbol(index.figure_genes(f)[0]) == "TP53");
    CHECK(index.figure(f).genes_from == GenesFrom::Sidecar);
}
