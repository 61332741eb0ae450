// test_bad_input.cpp - one case per class of bad input (docs/LIMITS.md).
//
// Each case runs two loads into one index, the way a user works:
//   load 1: seeds 000-002 (real records, from disk)
//   load 2: seeds 003-004, a good hand-written record, and the bad files of the class
// and asserts (a) the exact problems: path, line and the essence of the message, one
// problem per bad thing and nothing else; (b) the good records of load 2 loaded; (c) what
// load 1 loaded is still there, unchanged. The bad files are built in memory (InputFile),
// so the tests run the same natively and under Node (em++).
// test_records.cpp, test_sidecar.cpp, test_snapshot.cpp and test_yaml.cpp test the single
// readers; here every class goes through load_files, as the CLI and the apps do.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <map>

#include "figure_record.h"
#include "loader.h"
#include "snapshot.h"
#include "test_support.h"
#include "text_util.h"

using namespace figscope;

namespace {

using Files = std::vector<InputFile>;
using Strings = std::vector<std::string>;

// The five seeds, read from disk. Paths as read_paths gives them (the problems name them).
Files seed_files() {
    Problems p;
    Files files = read_paths({test::seeds_dir()}, p);
    REQUIRE_MESSAGE(p.empty(), test::problems_text(p));
    REQUIRE(files.size() == 5);   // sorted: 000 .. 004
    return files;
}

// Genes STAT3 and JAK2 are genes of the seeds already, so this record does not change which
// schema-jsonld keywords of the seeds count as genes: the seeds look the same with it.
constexpr const char* kGoodPath = "drop/PMC999__good.md";
constexpr const char* kGood =
    "---\n"
    "figid: PMC999__good\n"
    "figtitle: A good hand-written record\n"
    "year: 2021\n"
    "organisms:\n"
    "- Homo sapiens\n"
    "genes:\n"
    "- word: Stat3\n"
    "  hgnc_symbol: STAT3\n"
    "  entrez: '6774'\n"
    "- word: JAK-2\n"
    "  hgnc_symbol: JAK2\n"
    "---\n"
    "Body text.\n";

InputFile file(std::string path, std::string bytes) { return InputFile{std::move(path), std::move(bytes)}; }

// What a user sees of one figure; equal fingerprints = nothing lost or changed.
struct Fingerprint {
    std::string title, caption, source;
    int year;
    Strings organisms, genes;
    GenesFrom from;
    size_t chemicals, diseases;
    bool operator==(const Fingerprint&) const = default;
};
std::map<std::string, Fingerprint> fingerprints(const FigureIndex& index) {
    std::map<std::string, Fingerprint> out;
    for (FigureId f = 0; f < index.figure_count(); ++f) {
        const Figure& fig = index.figure(f);
        const FigureRecord& r = fig.record;
        out[r.figid] = {r.figtitle, r.caption, r.source_path, r.year, r.organisms, test::gene_symbols(index, f),
                        fig.genes_from, r.chemicals.size(), r.diseases.size()};
    }
    return out;
}

// The good data: all five seeds and the good record, loaded cleanly in one load.
const std::map<std::string, Fingerprint>& reference() {
    static const std::map<std::string, Fingerprint> ref = [] {
        Files files = seed_files();
        files.push_back(file(kGoodPath, kGood));
        FigureIndex index;
        Problems p;
        load_files(index, files, p);
        CHECK_MESSAGE(p.empty(), test::problems_text(p));
        return fingerprints(index);
    }();
    return ref;
}

struct Scenario {
    FigureIndex index;
    Problems problems;      // of load 2
    size_t rejected = 0;    // files of load 2 rejected
};

// Load 1: seeds 000-002. Load 2: seeds 003-004 + the good record + `bad`.
Scenario run(const Files& bad) {
    Scenario s;
    Files seeds = seed_files();
    Problems first;
    load_files(s.index, Files(seeds.begin(), seeds.begin() + 3), first);
    REQUIRE_MESSAGE(first.empty(), test::problems_text(first));
    REQUIRE(s.index.figure_count() == 3);
    Files second(seeds.begin() + 3, seeds.end());
    second.push_back(file(kGoodPath, kGood));
    second.insert(second.end(), bad.begin(), bad.end());
    s.rejected = load_files(s.index, second, s.problems);
    return s;
}

// The good data is all there, unchanged; besides it exactly the figids in `extra` loaded.
void check_good_data(const Scenario& s, const Strings& extra = {}) {
    const auto got = fingerprints(s.index);
    for (const auto& entry : reference()) {   // (no structured bindings: clang 14 cannot capture them)
        const std::string& figid = entry.first;
        auto it = got.find(figid);
        REQUIRE_MESSAGE(it != got.end(), "lost: " << figid);
        CHECK_MESSAGE(it->second == entry.second, "changed: " << figid);
    }
    for (const std::string& figid : extra) CHECK_MESSAGE(got.count(figid) == 1, "not loaded: " << figid);
    CHECK(got.size() == reference().size() + extra.size());
}

struct Expect {
    std::string path;
    int line;
    std::string message;   // the essence: the problem's message contains this
};

// Exactly the expected problems, in order (loads are deterministic), each one line.
void check_problems(const Problems& got, const std::vector<Expect>& want) {
    INFO("problems:\n" << test::problems_text(got));
    CHECK(got.size() == want.size());
    for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
        const Problem& p = got.items[i];
        CHECK(p.path == want[i].path);
        CHECK_MESSAGE(p.line == want[i].line, p.to_string());
        CHECK_MESSAGE(p.message.find(want[i].message) != std::string::npos, p.to_string() << "  -- expected: " << want[i].message);
    }
    for (const Problem& p : got.items) {   // one line of valid UTF-8, whatever the input held
        const std::string line = p.to_string();
        CHECK(line.find_first_of("\r\n") == std::string::npos);
        int bad_line = 0, bad_col = 0;
        bool nul = false;
        CHECK_MESSAGE(text::valid_utf8(line, bad_line, bad_col, nul), line);
    }
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("bad input: the good data alone loads cleanly (the reference of the cases below)") {
    Scenario s = run({});
    check_problems(s.problems, {});
    CHECK(s.rejected == 0);
    check_good_data(s);
    CHECK(reference().size() == 6);
}

TEST_CASE("bad input: empty file") {
    Scenario s = run({
        file("drop/empty.md", ""),
        file("drop/blank.txt", "  \n\n\t\n"),
        file("drop/PMC999__good-genes.tsv", ""),
        file("drop/empty.figsnap", ""),
    });
    check_problems(s.problems, {
        {"drop/PMC999__good-genes.tsv", 1, "empty file: expected a header line"},
        {"drop/blank.txt", 1, "empty file"},
        {"drop/empty.figsnap", 0, "not a figscope snapshot"},
        {"drop/empty.md", 1, "empty file"},
    });
    CHECK(s.rejected == 4);
    check_good_data(s);
}

TEST_CASE("bad input: no front matter, unterminated front matter") {
    Scenario s = run({
        file("drop/notes.md", "# Notes\n\nfigid: PMC1__notes\n"),
        file("drop/half.md", "---\nfigid: PMC2__half\nfigtitle: Half-downloaded\ncaption: The download stopp"),
        file("drop/fence.md", "---"),
        file("drop/nofields.md", "---\n---\nbody\n"),
        file("drop/list.md", "---\n- a\n- b\n---\n"),
        file("drop/late.md", "\n---\nfigid: PMC3__late\n---\n"),
    });
    check_problems(s.problems, {
        {"drop/fence.md", 1, "unterminated front matter: no closing '---' line"},
        {"drop/half.md", 1, "unterminated front matter: the '---' on line 1 is never closed"},
        {"drop/late.md", 1, "no front matter: a figure record starts with a line '---'"},
        {"drop/list.md", 2, "front matter is not a mapping of fields"},
        {"drop/nofields.md", 1, "empty front matter: no fields"},
        {"drop/notes.md", 1, "no front matter: a figure record starts with a line '---'"},
    });
    CHECK(s.rejected == 6);
    check_good_data(s);
}

TEST_CASE("bad input: YAML syntax errors (indentation, unclosed quotes, tabs)") {
    Scenario s = run({
        file("drop/indent.md", "---\nfigid: PMC4__indent\nfigtitle: T\norganisms:\n  - Homo sapiens\n - Mus musculus\n---\n"),
        file("drop/indent-key.md", "---\nfigid: PMC4__key\nschema-jsonld:\n    a: 1\n  b: 2\n---\n"),
        file("drop/quote.md", "---\nfigid: PMC4__quote\nfigtitle: T\ncaption: \"unclosed\n  more caption text\nyear: 2019\n---\nbody\n"),
        file("drop/squote.md", "---\nfigid: PMC4__squote\ncaption: 'it''s never closed\nyear: 2019\n---\n"),
        file("drop/tab.md", "---\nfigid: PMC4__tab\n\tfigtitle: T\n---\n"),
        file("drop/tab-item.md", "---\nfigid: PMC4__tabitem\norganisms:\n-\tHomo sapiens\n---\n"),
        file("drop/crlf-quote.md", "---\r\nfigid: PMC4__crlf\r\n\r\ncaption: \"a\r\n---\r\n"),
        // A rejected file does not claim its figid: the fixed copy of it loads, no duplicate.
        file("drop/x-broken.md", "---\nfigid: PMC4__fixed\nfigtitle: [unclosed\n---\n"),
        file("drop/y-fixed.md", "---\nfigid: PMC4__fixed\nfigtitle: Fixed\n---\n"),
    });
    check_problems(s.problems, {
        {"drop/crlf-quote.md", 4, "YAML: unclosed double-quoted scalar"},
        {"drop/indent-key.md", 5, "YAML: bad indentation"},
        {"drop/indent.md", 6, "YAML: bad indentation"},
        {"drop/quote.md", 4, "YAML: unclosed double-quoted scalar"},
        {"drop/squote.md", 3, "YAML: unclosed single-quoted scalar"},
        {"drop/tab-item.md", 4, "YAML: tab character"},
        {"drop/tab.md", 3, "YAML: tab character used as indentation"},
        {"drop/x-broken.md", 3, "YAML: "},
    });
    CHECK(s.rejected == 8);
    check_good_data(s, {"PMC4__fixed"});
    CHECK(s.index.figure(s.index.find_figure("PMC4__fixed")).record.figtitle == "Fixed");
}

TEST_CASE("bad input: wrong types are reported, the rest of the record loads") {
    std::string gammas = "x";
    for (int i = 0; i < 100; ++i) gammas += "\xCE\xB3";   // x and 100 times a 2-byte character
    Scenario s = run({
        file("drop/PMC5__types.md",
             "---\n"                          // 1
             "figid: PMC5__types\n"           // 2
             "figtitle: Wrong types\n"        // 3
             "caption: Kept.\n"               // 4
             "genes: STAT3, JAK2\n"           // 5  genes as a string
             "year: 20x1\n"                   // 6
             "organisms:\n"                   // 7
             "  Homo: sapiens\n"              // 8  a mapping where a list belongs
             "automl_pathway: high\n"         // 9
             "papertitle:\n"                  // 10
             "- a list\n"                     // 11 a list where text belongs
             "chemicals:\n"                   // 12
             "- just text\n"                  // 13 an item that is not a mapping
             "- word: ATP\n"                  // 14
             "  name: ATP\n"                  // 15
             "---\n"),
        // A long value is quoted shortened, at a character boundary.
        file("drop/PMC5__long.md", "---\nfigid: PMC5__long\nautoml_pathway: " + gammas + "\n---\n"),
        file("drop/PMC5__items.md",
             "---\nfigid: PMC5__items\nfigtitle: Items\ngenes:\n- STAT3\n- word: Jak2\n  hgnc_symbol: JAK2\nyear: 2019\n---\n"),
    });
    check_problems(s.problems, {
        {"drop/PMC5__items.md", 5, "genes: item 1 is not a mapping; skipped"},
        {"drop/PMC5__long.md", 3, "automl_pathway: '" + gammas.substr(0, 59) + "...' is not a number; field left empty"},
        {"drop/PMC5__types.md", 11, "papertitle: expected text, found a list; field left empty"},
        {"drop/PMC5__types.md", 6, "year: '20x1' is not a year; field left empty"},
        {"drop/PMC5__types.md", 8, "organisms: expected a list, found a mapping; field left empty"},
        {"drop/PMC5__types.md", 9, "automl_pathway: 'high' is not a number; field left empty"},
        {"drop/PMC5__types.md", 5, "genes: expected a list of mappings, found text; ignored"},
        {"drop/PMC5__types.md", 13, "chemicals: an item is not a mapping; skipped"},
    });
    CHECK(s.rejected == 0);   // warnings only: both records load
    check_good_data(s, {"PMC5__types", "PMC5__items", "PMC5__long"});
    const FigureRecord& t = s.index.figure(s.index.find_figure("PMC5__types")).record;
    CHECK(t.figtitle == "Wrong types");
    CHECK(t.caption == "Kept.");
    CHECK(t.year == 0);
    CHECK(t.organisms.empty());
    CHECK(t.papertitle.empty());
    CHECK(std::isnan(t.automl_pathway));
    REQUIRE(t.chemicals.size() == 1);
    CHECK(t.chemicals[0].word == "ATP");
    CHECK(s.index.figure(s.index.find_figure("PMC5__types")).genes_from == GenesFrom::None);
    FigureId items = s.index.find_figure("PMC5__items");
    CHECK(test::gene_symbols(s.index, items) == Strings{"JAK2"});
    CHECK(s.index.figure(items).record.year == 2019);
}

TEST_CASE("bad input: no figid - the file name is the figid, and that is said") {
    Files seeds = seed_files();
    Scenario s = run({
        file("drop/PMC6__nofigid.md", "---\nfigtitle: No figid here\nyear: 2020\n---\n"),
        file("drop/PMC6__nofigid-genes.tsv", "word\tncbigene_symbol\torganism_name\nStat3\tSTAT3\tHomo sapiens\n"),
        file("drop/PMC6__na.txt", "---\nfigid: NA\nfigtitle: figid NA\n---\n"),
        file("drop/PMC6__empty.md", "---\nfigid: ''\nfigtitle: figid empty\n---\n"),
        // The file name of a record loaded before: named, then skipped as a duplicate.
        file("drop/x/PMC6966445__cancers-11-02002-g001.md", "---\nfigtitle: Same name as a seed\n---\n"),
        // No figid and no file name (a path ending in '/'): nothing to name it by.
        file("drop/", "---\nfigtitle: Nameless\n---\n"),
    });
    check_problems(s.problems, {
        {"drop/", 1, "no figid, and no file name to take one from; skipped"},
        {"drop/PMC6__empty.md", 1, "no figid; using the file name 'PMC6__empty'"},
        {"drop/PMC6__na.txt", 1, "no figid; using the file name 'PMC6__na'"},
        {"drop/PMC6__nofigid.md", 1, "no figid; using the file name 'PMC6__nofigid'"},
        {"drop/x/PMC6966445__cancers-11-02002-g001.md", 1, "no figid; using the file name 'PMC6966445__cancers-11-02002-g001'"},
        {"drop/x/PMC6966445__cancers-11-02002-g001.md", 1,
         "duplicate figid 'PMC6966445__cancers-11-02002-g001': already loaded from " + seeds[2].path +
             "; the first one loaded is kept, this one skipped"},
    });
    CHECK(s.rejected == 2);
    check_good_data(s, {"PMC6__nofigid", "PMC6__na", "PMC6__empty"});
    FigureId f = s.index.find_figure("PMC6__nofigid");
    CHECK(s.index.figure(f).record.figid_from_filename);
    CHECK(s.index.figure(f).record.figtitle == "No figid here");
    // Its sidecar, named after the file, attaches to it.
    CHECK(s.index.figure(f).genes_from == GenesFrom::Sidecar);
    CHECK(test::gene_symbols(s.index, f) == Strings{"STAT3"});
}

TEST_CASE("bad input: the same figid in two files - the first one loaded is kept") {
    Files seeds = seed_files();
    const Files dup = {
        file("drop/b.md", "---\nfigid: PMC7__twice\nfigtitle: from b\n---\n"),
        file("drop/a.md", "---\nfigid: PMC7__twice\nfigtitle: from a\n---\n"),
        // Sorts before everything in load 2, but the seed of load 1 is already loaded: it stays.
        file("drop/0-early.md", "---\nfigid: PMC7176449__cm9-133-0959-g001\nfigtitle: An impostor\n---\n"),
        // A figid with a line break (a quoted "\n") still makes a one-line problem.
        file("drop/nl1.md", "---\nfigid: \"PMC7\\nnl\"\n---\n"),
        file("drop/nl2.md", "---\nfigid: \"PMC7\\nnl\"\n---\n"),
    };
    Scenario s = run(dup);
    check_problems(s.problems, {
        {"drop/0-early.md", 1,
         "duplicate figid 'PMC7176449__cm9-133-0959-g001': already loaded from " + seeds[1].path +
             "; the first one loaded is kept, this one skipped"},
        {"drop/b.md", 1, "duplicate figid 'PMC7__twice': already loaded from drop/a.md; the first one loaded is kept, this one skipped"},
        {"drop/nl2.md", 1, "duplicate figid 'PMC7\nnl': already loaded from drop/nl1.md"},
    });
    CHECK(s.problems.items.back().to_string() ==
          "drop/nl2.md:1: duplicate figid 'PMC7\\nnl': already loaded from drop/nl1.md; the first one loaded is kept, this one skipped");
    CHECK(s.rejected == 3);
    check_good_data(s, {"PMC7__twice", "PMC7\nnl"});
    CHECK(s.index.figure(s.index.find_figure("PMC7__twice")).record.figtitle == "from a");
    CHECK(s.index.figure(s.index.find_figure("PMC7176449__cm9-133-0959-g001")).record.figtitle == "JAK-STAT signaling pathway");

    // Deterministic: the order the files are given in does not matter.
    Scenario r = run(Files(dup.rbegin(), dup.rend()));
    CHECK(test::problems_text(r.problems) == test::problems_text(s.problems));
    CHECK(r.index.figure(r.index.find_figure("PMC7__twice")).record.figtitle == "from a");
}

TEST_CASE("bad input: invalid UTF-8") {
    Scenario s = run({
        file("drop/latin1.md", "---\nfigid: PMC8__latin1\nfigtitle: T\ncaption: caf\xE9 au lait\n---\n"),
        file("drop/overlong.md", "---\nfigid: PMC8__overlong\nfigtitle: \xC0\xAF\n---\n"),
        file("drop/surrogate.md", "---\nfigid: PMC8__sur\ncaption: \xED\xA0\x80\n---\n"),
        file("drop/cut.md", "---\nfigid: PMC8__cut\ncaption: x\xC3"),
        // A file name that is not UTF-8 (an old archive's Latin-1): the problem line escapes it.
        file("drop/caf\xE9.md", ""),
        file("drop/utf16.md", std::string("\xFF\xFE-\0-\0-\0\n\0", 10)),
        file("drop/PMC999__good-chemicals.tsv", "word\tname\nATP\tATP\ncaf\xE9\tcaffeine\n"),
        // Valid non-ASCII text loads (the seeds have some too).
        file("drop/greek.md", "---\nfigid: PMC8__greek\nfigtitle: IFN-\xCE\xB3 and \xE2\x86\x92 signaling\n---\n"),
    });
    check_problems(s.problems, {
        {"drop/PMC999__good-chemicals.tsv", 3, "invalid UTF-8 at column 4; file skipped"},
        {"drop/caf\xE9.md", 1, "empty file"},
        {"drop/cut.md", 3, "invalid UTF-8 at column 11; file skipped"},
        {"drop/latin1.md", 4, "invalid UTF-8 at column 13; file skipped"},
        {"drop/overlong.md", 3, "invalid UTF-8 at column 11; file skipped"},
        {"drop/surrogate.md", 3, "invalid UTF-8 at column 10; file skipped"},
        {"drop/utf16.md", 1, "UTF-16 text; figscope reads UTF-8"},
    });
    CHECK(s.rejected == 7);
    CHECK(s.problems.items[1].to_string() == "drop/caf\\xe9.md:1: empty file");
    check_good_data(s, {"PMC8__greek"});
    CHECK(s.index.figure(s.index.find_figure("PMC8__greek")).record.figtitle == "IFN-\xCE\xB3 and \xE2\x86\x92 signaling");
}

TEST_CASE("bad input: binary junk") {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20);
    std::string gz("\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0", 17);
    std::string random(4096, '\0');
    uint32_t x = 12345;
    for (char& c : random) { x = x * 1103515245u + 12345u; c = char(x >> 24); }
    random[0] = 'A';   // starts as text, turns to junk
    Scenario s = run({
        file("drop/figure.md", png),
        file("drop/nul.md", std::string("---\nfigid: PMC9\0x\n---\n", 22)),
        file("drop/PMC999__good-diseases.tsv", gz),
        file("drop/random.txt", random),
        file("drop/random.figsnap", random),
        file("drop/core.dump", random),
    });
    REQUIRE(s.problems.size() == 6);
    check_problems(s.problems, {
        {"drop/PMC999__good-diseases.tsv", 1, "binary data, not text (first bad byte at column 2); file skipped"},
        {"drop/core.dump", 0, "not a figure record, sidecar or snapshot"},
        {"drop/figure.md", 1, "binary data, not text (first bad byte at column 1); file skipped"},
        {"drop/nul.md", 2, "binary data, not text (first bad byte at column 12); file skipped"},
        {"drop/random.figsnap", 0, "not a figscope snapshot"},
        {"drop/random.txt", s.problems.items[5].line, "binary data, not text"},
    });
    CHECK(s.problems.items[5].line >= 1);
    CHECK(s.rejected == 6);
    check_good_data(s);
}

TEST_CASE("bad input: a huge record (10 MB caption) loads, in linear time") {
    // 10 MB of caption as a PFOCR writer folds it (~80 columns, 130k lines), and the same
    // as one double-quoted line.
    std::string words;
    const char* kWords[] = {"STAT3", "signaling", "of", "the", "cytokine", "receptor", "JAK2", "nucleus"};
    for (size_t i = 0; words.size() < (10u << 20); ++i) { if (i) words += ' '; words += kWords[i % 8]; }
    std::string folded;
    size_t col = 0;
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i] == ' ' && col > 70) { folded += "\n  "; col = 0; continue; }
        folded += words[i];
        ++col;
    }
    const auto t0 = std::chrono::steady_clock::now();
    Scenario s = run({
        file("drop/PMC10__huge.md", "---\nfigid: PMC10__huge\nfigtitle: Huge\ncaption: " + folded + "\nyear: 2020\n---\n"),
        file("drop/PMC10__huge1.md", "---\nfigid: PMC10__huge1\ncaption: \"" + words + "\"\n---\n"),
    });
    const double secs = seconds_since(t0);
    MESSAGE("two 10 MB records loaded in " << secs << " s");
    CHECK(secs < 30);   // linear: well under a second natively; quadratic would be hours
    check_problems(s.problems, {});
    check_good_data(s, {"PMC10__huge", "PMC10__huge1"});
    const FigureRecord& r = s.index.figure(s.index.find_figure("PMC10__huge")).record;
    CHECK(r.caption.size() == words.size());
    CHECK(r.caption == words);   // folded back into one line, no byte lost
    CHECK(r.year == 2020);
    CHECK(s.index.figure(s.index.find_figure("PMC10__huge1")).record.caption == words);
}

TEST_CASE("limits: record size and genes per figure, enforced with clear errors") {
    // A record of exactly the limit loads; one byte more is rejected, naming the limit.
    const std::string head = "---\nfigid: PMC11__limit\ncaption: ";
    const std::string tail = "\n---\n";
    std::string at_limit = head + std::string(Limits::max_record_bytes - head.size() - tail.size(), 'x') + tail;
    REQUIRE(at_limit.size() == Limits::max_record_bytes);
    std::string over = at_limit;
    over.insert(head.size(), "y");

    // Inline: 20000 distinct genes (item k on line 3 + k), then a repeat (line 20004: not a
    // new gene, no report), then a new one (line 20005: over the limit). Sidecar: 20001 genes
    // (row k on line k + 1).
    std::string many = "---\nfigid: PMC11__genes\ngenes:\n";
    std::string tsv = "word\tncbigene_symbol\n";
    for (size_t k = 1; k <= Limits::max_genes_per_figure + 1; ++k) {
        if (k == Limits::max_genes_per_figure + 1) many += "- hgnc_symbol: G1\n";
        many += "- hgnc_symbol: G" + std::to_string(k) + "\n";
        tsv += "w" + std::to_string(k) + "\tS" + std::to_string(k) + "\n";
    }
    many += "---\n";

    Scenario s = run({
        file("drop/PMC11__limit.md", at_limit),
        file("drop/PMC11__over.md", over),
        file("drop/PMC11__genes.md", many),
        file("drop/PMC11__side.md", "---\nfigid: PMC11__side\n---\n"),
        file("drop/PMC11__side-genes.tsv", tsv),
    });
    check_problems(s.problems, {
        {"drop/PMC11__genes.md", int(Limits::max_genes_per_figure) + 5, "more than 20000 genes in one figure; the rest are ignored"},
        {"drop/PMC11__over.md", 0, "record is 16777217 bytes, over the 16 MB limit for one record; skipped"},
        {"drop/PMC11__side-genes.tsv", int(Limits::max_genes_per_figure) + 2, "more than 20000 genes in one figure; the rest are ignored"},
    });
    CHECK(s.rejected == 1);
    check_good_data(s, {"PMC11__limit", "PMC11__genes", "PMC11__side"});
    CHECK(s.index.figure(s.index.find_figure("PMC11__limit")).record.caption.size() == at_limit.size() - head.size() - tail.size());
    FigureId g = s.index.find_figure("PMC11__genes");
    CHECK(s.index.figure_genes(g).size() == Limits::max_genes_per_figure);
    CHECK(s.index.find_gene("G20000") != kNoGene);
    CHECK(s.index.find_gene("G20001") == kNoGene);
    FigureId side = s.index.find_figure("PMC11__side");
    CHECK(s.index.figure_genes(side).size() == Limits::max_genes_per_figure);
    CHECK(s.index.figure(side).genes_from == GenesFrom::Sidecar);
}

TEST_CASE("bad input: sidecar with a wrong header, missing or extra columns, short rows") {
    std::string many_bad = "word\tncbigene_symbol\n";
    for (int i = 0; i < 25; ++i) many_bad += "short\n";
    Scenario s = run({
        file("drop/PMC12__side.md", "---\nfigid: PMC12__side\nfigtitle: Genes from sidecars\n---\n"),
        // Another column order, extra unknown columns, a byte order mark and CRLF (a
        // spreadsheet's export); a short row (line 3) and a long one (line 4) are skipped.
        file("drop/PMC12__side-genes.tsv",
             "\xEF\xBB\xBFncbigene_symbol\tnotes\tword\torganism_name\textra\r\n"
             "STAT3\tok\tStat3\tHomo sapiens\t1\r\n"
             "JAK1\tshort row\r\n"
             "TYK2\ttoo\tmany\tfields\there\tand\tmore\r\n"
             "JAK2\tok\tJak2\tHomo sapiens\t2\r\n"),
        // Only the required column and one optional one: loads.
        file("drop/PMC12__side-chemicals.tsv", "word\tname\nATP\tATP\nNADH\tNAD(+)\n"),
        // A comma-separated file named .tsv: no 'word' column.
        file("drop/PMC12__side-diseases.tsv", "word,name,doid\nLPS,lipopolysaccharide,DOID:1\n"),
        // A genes file without the symbol column.
        file("drop/PMC999__good-genes.tsv", "word\tsymbol\nStat3\tSTAT3\n"),
        // A second genes sidecar for the same figure.
        file("drop/other/PMC12__side-genes.tsv", "word\tncbigene_symbol\nZzq9\tZZQ9\n"),
        // Not named like a sidecar.
        file("drop/genes.tsv", "word\tncbigene_symbol\nStat3\tSTAT3\n"),
        // 25 bad rows: 20 listed, then one line for the rest; the file itself loads.
        file("drop/PMC999__good-diseases.tsv", many_bad),
    });
    std::vector<Expect> want = {
        {"drop/PMC12__side-diseases.tsv", 1, "header lacks the column 'word' (found: word,name,doid); file skipped"},
        {"drop/PMC12__side-genes.tsv", 3, "row has 2 fields, the header has 5; row skipped"},
        {"drop/PMC12__side-genes.tsv", 4, "row has 7 fields, the header has 5; row skipped"},
    };
    for (int line = 2; line <= 21; ++line)
        want.push_back({"drop/PMC999__good-diseases.tsv", line, "row has 1 fields, the header has 2; row skipped"});
    want.push_back({"drop/PMC999__good-diseases.tsv", 0, "5 more rows with the wrong number of fields skipped"});
    want.push_back({"drop/PMC999__good-genes.tsv", 1, "header lacks the column 'ncbigene_symbol' (found: word, symbol); file skipped"});
    want.push_back({"drop/genes.tsv", 0, "not a sidecar file name"});
    want.push_back({"drop/other/PMC12__side-genes.tsv", 0, "a genes sidecar for 'PMC12__side' was already loaded; this one is skipped"});
    check_problems(s.problems, want);
    CHECK(s.rejected == 3);   // the sidecars with a bad header or name; the rest loaded (or were skipped at attach)
    check_good_data(s, {"PMC12__side"});
    FigureId f = s.index.find_figure("PMC12__side");
    CHECK(s.index.figure(f).genes_from == GenesFrom::Sidecar);
    CHECK(test::gene_symbols(s.index, f) == Strings{"JAK2", "STAT3"});
    CHECK(s.index.organisms()[s.index.figure(f).own_gene_organisms.at(0)] == "Homo sapiens");
    REQUIRE(s.index.figure(f).record.chemicals.size() == 2);
    CHECK(s.index.figure(f).record.chemicals[1].name == "NAD(+)");
    CHECK(s.index.figure(f).record.diseases.empty());
    // The skipped second sidecar's words are not aliases either.
    CHECK(s.index.resolve_gene_term("Zzq9").empty());
    CHECK(s.index.find_gene("ZZQ9") == kNoGene);
}

TEST_CASE("bad input: sidecar with no record - reported once, attached when the record comes") {
    Scenario s = run({
        file("drop/PMC13__later-genes.tsv", "word\tncbigene_symbol\torganism_name\nStat3\tSTAT3\tHomo sapiens\n"),
        file("drop/PMC13__later-chemicals.tsv", "word\tname\nATP\tATP\n"),
    });
    check_problems(s.problems, {
        {"drop/PMC13__later-chemicals.tsv", 0,
         "no record with figid 'PMC13__later' is loaded; this sidecar is kept and attached if that record is loaded later"},
        {"drop/PMC13__later-genes.tsv", 0, "no record with figid 'PMC13__later' is loaded"},
    });
    CHECK(s.rejected == 0);
    check_good_data(s);
    // Load 3: the record arrives; the kept sidecars attach, nothing is reported again.
    Problems third;
    CHECK(load_files(s.index, {file("later/PMC13__later.md", "---\nfigid: PMC13__later\nfigtitle: Late\n---\n")}, third) == 0);
    check_problems(third, {});
    check_good_data(s, {"PMC13__later"});
    FigureId f = s.index.find_figure("PMC13__later");
    CHECK(test::gene_symbols(s.index, f) == Strings{"STAT3"});
    CHECK(s.index.figure(f).genes_from == GenesFrom::Sidecar);
    CHECK(s.index.figure(f).record.chemicals.size() == 1);
    CHECK(s.index.pending_sidecars().empty());
}

TEST_CASE("bad input: truncated or corrupted snapshot, another format version") {
    Files seeds = seed_files();
    // A snapshot of load 1's seeds (all already loaded when it arrives) ...
    FigureIndex first;
    Problems p;
    load_files(first, Files(seeds.begin(), seeds.begin() + 3), p);
    const std::string again = save_snapshot(first);
    // ... and one of a new figure.
    FigureIndex other;
    load_files(other, {file("x/PMC14__snap.md", "---\nfigid: PMC14__snap\nfigtitle: From a snapshot\n---\n")}, p);
    const std::string more = save_snapshot(other);
    REQUIRE(p.empty());

    std::string corrupt = again;
    corrupt[corrupt.size() / 2] ^= 0x20;
    std::string v2 = again;
    v2[8] = 2;
    Scenario s = run({
        file("drop/truncated.figsnap", again.substr(0, again.size() / 2)),
        file("drop/header-only.figsnap", again.substr(0, 20)),
        file("drop/corrupt.figsnap", corrupt),
        file("drop/v2.figsnap", v2),
        file("drop/longer.figsnap", again + "tail"),
        file("drop/renamed.dat", again.substr(0, 100)),   // found by its magic, not its name
        file("drop/more.figsnap", more),
        file("drop/again.figsnap", again),
    });
    std::vector<Expect> want;
    for (int i = 0; i < 3; ++i)
        want.push_back({"drop/again.figsnap", 0,
                        "duplicate figid '" + first.figure(i).record.figid + "': already loaded from " + seeds[i].path +
                            "; the first one loaded is kept, this one skipped (record " + seeds[i].path + " in this snapshot)"});
    want.push_back({"drop/corrupt.figsnap", 0, "corrupted snapshot: checksum mismatch"});
    want.push_back({"drop/header-only.figsnap", 0, "truncated snapshot: 20 bytes, shorter than its header"});
    want.push_back({"drop/longer.figsnap", 0, "damaged snapshot: header says"});
    want.push_back({"drop/renamed.dat", 0, "truncated snapshot: header says"});
    want.push_back({"drop/truncated.figsnap", 0, "truncated snapshot: header says"});
    want.push_back({"drop/v2.figsnap", 0, "snapshot format version 2; this figscope reads version 1 (rebuild it with `figscope snapshot`)"});
    check_problems(s.problems, want);
    CHECK(s.rejected == 6);   // again.figsnap loads (adding nothing); more.figsnap loads
    check_good_data(s, {"PMC14__snap"});
    CHECK(s.index.figure(s.index.find_figure("PMC14__snap")).record.figtitle == "From a snapshot");
}
