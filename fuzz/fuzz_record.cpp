// fuzz_record.cpp - libFuzzer target for the record parser (front matter + YAML + fields).
//
// Input: the bytes of one record file. Checked on every input, beyond "no crash, no UB,
// no leak, no hang" (the sanitizers and libFuzzer's -timeout):
//   - a rejected file always has at least one problem; every problem names the file, has a
//     line inside the file (0 = whole file), a UTF-8 message, and prints as one line;
//   - an accepted record has a figid, unique genes within the stated limit, and survives
//     index -> snapshot -> index unchanged (figid, genes, fields).
// Seeds: the real records (../shared/seeds, ../shared/corpus/_figures), see
// tools/bad_input_test.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "figure_index.h"
#include "figure_record.h"
#include "snapshot.h"
#include "fuzz_support.h"
#include "text_util.h"

using namespace figscope;

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) { fuzz::fail("fuzz_record", what, detail); }

void check_problems(const Problems& problems, std::string_view path, std::string_view text) {
    fuzz::check_problems("fuzz_record", problems, path, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string path = "fuzz/PMC1__fuzz.md";
    Problems problems;
    FigureRecord rec;
    const bool ok = parse_figure_record(path, text, rec, problems);
    check_problems(problems, path, text);
    if (!ok) {
        if (problems.empty()) fail("record rejected without a problem");
        return 0;
    }
    if (rec.figid.empty()) fail("accepted record without figid");
    if (rec.genes.size() > Limits::max_genes_per_figure) fail("genes over the limit");
    std::unordered_set<std::string> symbols;
    for (const RecordGene& g : rec.genes) {
        if (g.symbol.empty()) fail("empty gene symbol");
        if (!symbols.insert(g.symbol).second) fail("duplicate gene symbol", g.symbol);
    }

    // Index -> snapshot -> index: the record comes back the same.
    const FigureRecord copy = rec;
    FigureIndex index;
    Problems p2;
    if (!index.add_record(std::move(rec), p2)) fail("add_record refused a parsed record", p2.items.empty() ? "" : p2.items[0].to_string());
    index.finalize(p2);
    if (!p2.empty()) fail("problems from indexing one record:", p2.items[0].to_string());
    const std::string snap = save_snapshot(index);
    FigureIndex back;
    Problems p3;
    if (!load_snapshot("fuzz.figsnap", snap, back, p3)) fail("own snapshot rejected:", p3.items.empty() ? "" : p3.items[0].to_string());
    back.finalize(p3);
    if (back.figure_count() != 1) fail("snapshot lost the figure");
    const FigureRecord& r = back.figure(0).record;
    if (r.figid != copy.figid || r.caption != copy.caption || r.figtitle != copy.figtitle || r.year != copy.year ||
        r.organisms != copy.organisms || r.keywords != copy.keywords || r.chemicals.size() != copy.chemicals.size())
        fail("snapshot changed the record", copy.figid);
    if (back.figure_genes(0).size() != index.figure_genes(0).size()) fail("snapshot changed the genes");
    return 0;
}
