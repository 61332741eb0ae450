// test_records.cpp - the five seed records and single-record parsing, with exact values.
#include <doctest/doctest.h>

#include "figure_record.h"
#include "test_support.h"

using namespace figscope;
using figscope::test::gene_symbols;

namespace {
using Strings = std::vector<std::string>;
FigureId must_find(const FigureIndex& index, const char* figid) {
    FigureId f = index.find_figure(figid);
    REQUIRE_MESSAGE(f != UINT32_MAX, figid);
    return f;
}
}  // namespace

TEST_CASE("seeds: five records with exact fields and gene sets") {
    Problems problems;
    FigureIndex index = test::load({test::seeds_dir()}, problems);
    CHECK_MESSAGE(problems.empty(), test::problems_text(problems));
    REQUIRE(index.figure_count() == 5);

    // 2019 Cancers JAK-STAT figure: inline genes (older layout).
    FigureId f = must_find(index, "PMC6966445__cancers-11-02002-g001");
    const Figure& cancers = index.figure(f);
    CHECK(cancers.record.year == 2019);
    CHECK(cancers.record.pmcid == "PMC6966445");
    CHECK(cancers.record.figtitle ==
          "Janus kinase-signal transducer and activator of transcription (JAK-STAT) signaling pathways (simplified)");
    CHECK(cancers.record.papertitle ==
          "JAK-STAT Signaling: A Double-Edged Sword of Immune Regulation and Cancer Progression.");
    CHECK(cancers.record.reftext == "Katie L. Owen, et al. Cancers (Basel). 2019 Dec;11(12):2002.");
    CHECK(cancers.record.organisms ==
          Strings{"Mus musculus", "Influenza A virus", "Abelson murine leukemia virus", "Homo sapiens"});
    CHECK(cancers.genes_from == GenesFrom::Inline);
    CHECK(gene_symbols(index, f) ==
          Strings{"AKT1", "AKT2", "AKT3", "CHUK", "CRKL", "GAST", "IFNA1", "IFNAR1", "IFNAR2", "IFNGR1", "IFNGR2",
                  "IKBKB", "IL10", "IL2", "IL4", "IL6", "IRF6", "IRF7", "IRF9", "JAK1", "JAK2", "JAK3", "NFKB1",
                  "NFKB2", "NLK", "PES1", "REL", "RELA", "RELB", "RS1", "SGCG", "STAT1", "STAT2", "STAT3", "STAT4",
                  "STAT5A", "STAT5B", "STAT6", "TRAF1", "TRAF2", "TRAF3", "TRAF4", "TRAF5", "TRAF6", "TRAF7", "TYK2"});
    REQUIRE(cancers.record.diseases.size() == 1);
    CHECK(cancers.record.diseases[0].word == "LPS");
    CHECK(cancers.record.diseases[0].id == "C536528");
    CHECK(cancers.record.caption.rfind("Janus kinase-signal transducer and activator of transcription (JAK-STAT) signaling pathways (simplified). Cytokine", 0) == 0);
    CHECK(cancers.record.caption.find("IFN-\xCE\xB3 induced genes") != std::string::npos);   // IFN-γ

    f = must_find(index, "PMC7176449__cm9-133-0959-g001");
    CHECK(index.figure(f).record.year == 2020);
    CHECK(index.figure(f).record.figtitle == "JAK-STAT signaling pathway");
    CHECK(index.figure(f).genes_from == GenesFrom::Inline);
    CHECK(gene_symbols(index, f) ==
          Strings{"JAK1", "JAK2", "JAK3", "STAT1", "STAT2", "STAT3", "STAT4", "STAT5A", "STAT5B", "STAT6", "TYK2"});

    // Newer records without genes: schema-jsonld keywords that are genes known from the rest.
    f = must_find(index, "PMC12210716__12964_2025_2313_Fig1_HTML");
    const Figure& ccs = index.figure(f);
    CHECK(ccs.record.year == 2025);
    CHECK(ccs.record.journal_title == "Cell Communication and Signaling : CCS");
    CHECK(ccs.record.doi == "10.1186/s12964-025-02313-w");
    CHECK(ccs.record.organisms.empty());                       // [NA]
    CHECK(ccs.record.organisms_ner == Strings{"Homo sapiens"});
    CHECK(ccs.record.keywords ==
          Strings{"STAT signaling", "Interferon signaling", "Gene expression", "Proteome analysis", "Behavior", "Mice"});
    CHECK(ccs.genes_from == GenesFrom::Keywords);
    CHECK(gene_symbols(index, f) == Strings{"GAST", "IFNA1", "IFNAR1", "IFNAR2", "IFNGR1", "IFNGR2", "IRF9", "JAK1",
                                            "JAK2", "STAT1", "STAT2", "TYK2"});
    CHECK(ccs.record.automl_pathway == doctest::Approx(0.9404449));

    f = must_find(index, "PMC11853177__cancers-17-00568-g001");
    CHECK(index.figure(f).record.journal_title == "Cancers");
    CHECK(gene_symbols(index, f) == Strings{"IL4", "IL6", "JAK1", "JAK2", "JAK3", "STAT1", "STAT2", "STAT3", "STAT4",
                                            "STAT5A", "STAT5B", "STAT6", "TYK2"});

    f = must_find(index, "PMC5701508__ott-10-5491Fig4");
    CHECK(index.figure(f).record.year == 2017);
    CHECK(index.figure(f).record.journal_title.empty());      // .na.character
    CHECK(gene_symbols(index, f) == Strings{"IL10", "IL6", "JAK2", "STAT1", "STAT3", "STAT5A", "STAT5B"});
}

TEST_CASE("keyword genes depend on the genes known from the whole loaded corpus") {
    Problems problems;
    FigureIndex index = test::load({test::seeds_dir(), test::corpus_dir()}, problems);
    CHECK_MESSAGE(problems.empty(), test::problems_text(problems));
    // With the corpus loaded, FGF9 (a gene of other figures) becomes a known gene.
    FigureId f = must_find(index, "PMC12210716__12964_2025_2313_Fig1_HTML");
    CHECK(gene_symbols(index, f) == Strings{"FGF9", "GAST", "IFNA1", "IFNAR1", "IFNAR2", "IFNGR1", "IFNGR2", "IRF9",
                                            "JAK1", "JAK2", "STAT1", "STAT2", "TYK2"});
    f = must_find(index, "PMC11853177__cancers-17-00568-g001");
    CHECK(gene_symbols(index, f) == Strings{"BAS", "CISH", "IL13", "IL4", "IL6", "JAK1", "JAK2", "JAK3", "SOAT1",
                                            "STAT1", "STAT2", "STAT3", "STAT4", "STAT5A", "STAT5B", "STAT6", "TYK2"});
}

TEST_CASE("OCR words are search aliases") {
    Problems problems;
    FigureIndex index = test::load({test::seeds_dir(), test::corpus_dir()}, problems);
    // Older layout: word "Etk" and PFOCR's alias symbol "ETK" were matched to BMX.
    auto bmx = index.resolve_gene_term("Etk");
    REQUIRE(bmx.size() == 1);
    CHECK(index.gene_symbol(bmx[0]) == "BMX");
    CHECK(index.resolve_gene_term("(Src").size() >= 1);
    // Case-insensitive symbols find every organism's spelling.
    auto ldha = index.resolve_gene_term("ldha");
    Strings names;
    for (GeneId g : ldha) names.push_back(index.gene_symbol(g));
    std::sort(names.begin(), names.end());
    CHECK(std::find(names.begin(), names.end(), "LDHA") != names.end());
    CHECK(std::find(names.begin(), names.end(), "Ldha") != names.end());
    // Autocomplete offers the alias with its gene.
    bool found = false;
    for (const auto& s : index.suggest("Et", 50)) found |= (s.is_alias && s.text == "Etk" && index.gene_symbol(s.gene) == "BMX");
    CHECK(found);
}

TEST_CASE("record parsing: organisms scalar, figid from file name, wrong types") {
    Problems problems;
    FigureRecord r;
    const char* text =
        "---\n"
        "figtitle: A title\n"
        "organisms: Homo sapiens, Danio rerio\n"
        "year: 20x1\n"
        "genes: not a list\n"
        "keywords: a | b |c\n"
        "---\n"
        "body\n";
    REQUIRE(parse_figure_record("dir/PMC1__fig1.md", text, r, problems));
    CHECK(r.figid == "PMC1__fig1");
    CHECK(r.figid_from_filename);
    CHECK(r.organisms == Strings{"Homo sapiens", "Danio rerio"});
    CHECK(r.year == 0);
    CHECK(r.keywords == Strings{"a", "b", "c"});
    CHECK(r.genes.empty());
    REQUIRE(problems.size() == 3);
    CHECK(problems.items[0].to_string() == "dir/PMC1__fig1.md:1: no figid; using the file name 'PMC1__fig1'");
    CHECK(problems.items[1].to_string() == "dir/PMC1__fig1.md:4: year: '20x1' is not a year; field left empty");
    CHECK(problems.items[2].line == 5);
    CHECK(problems.items[2].message.find("genes: expected a list") == 0);
}

TEST_CASE("front matter fences") {
    std::string_view yaml;
    int first = 0, rline = 0;
    std::string reason;
    CHECK(split_front_matter("---\na: 1\n---\nrest", yaml, first, reason, rline));
    CHECK(yaml == "a: 1\n");
    CHECK(first == 2);
    CHECK_FALSE(split_front_matter("", yaml, first, reason, rline));
    CHECK(reason == "empty file");
    CHECK_FALSE(split_front_matter("title: x\n", yaml, first, reason, rline));
    CHECK(reason.find("no front matter") == 0);
    CHECK_FALSE(split_front_matter("---\na: 1\nb: 2\n", yaml, first, reason, rline));
    CHECK(reason.find("unterminated") == 0);
}
