// fuzz_snapshot.cpp - libFuzzer target for the snapshot loader (.figsnap).
//
// A random mutation almost never keeps the header's payload size and checksum right, so
// the decoder behind them would hardly be reached. The header's flags word is ignored by
// the loader (no flags are defined); this target uses its bit 0: clear (as in real
// snapshots, so in the seeds) = repair size and checksum before loading, so the payload
// decoder is fuzzed; set = load the bytes as they are (header checks fuzzed).
// Checked: a rejected snapshot has exactly one problem naming it and leaves the index as
// it was (here: the one figure loaded before); an accepted one can be saved and loaded
// again with the same figures and genes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "figure_index.h"
#include "figure_record.h"
#include "snapshot.h"

using namespace figscope;

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz_snapshot: invariant broken: %s %s\n", what, detail.c_str());
    std::abort();
}

constexpr size_t kHeader = 32;   // magic[8] u32 version, u32 flags, u64 payload bytes, u64 checksum

std::set<std::string> genes_of(const FigureIndex& index, FigureId f) {
    std::set<std::string> s;
    for (GeneId g : index.figure_genes(f)) s.insert(index.gene_symbol(g));
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.size() >= kHeader && std::memcmp(bytes.data(), kSnapshotMagic, 8) == 0 && (bytes[12] & 1) == 0) {
        const uint64_t n = bytes.size() - kHeader;
        const uint64_t sum = snapshot_checksum(std::string_view(bytes).substr(kHeader));
        std::memcpy(&bytes[16], &n, 8);
        std::memcpy(&bytes[24], &sum, 8);
    }

    // Something already loaded, which a bad snapshot must not disturb.
    FigureIndex index;
    Problems problems;
    FigureRecord rec;
    if (!parse_figure_record("fuzz/PMC0__before.md", "---\nfigid: PMC0__before\nfigtitle: loaded first\n---\n", rec, problems))
        fail("fixed record rejected");
    index.add_record(std::move(rec), problems);
    index.finalize(problems);

    const std::string path = "fuzz/input.figsnap";
    Problems p;
    const bool ok = load_snapshot(path, bytes, index, p);
    for (const Problem& q : p.items)
        if (q.to_string().find_first_of("\n\r") != std::string::npos) fail("problem is not one line:", q.to_string());
    if (!ok) {
        if (p.size() != 1 || p.items[0].path != path) fail("rejected snapshot not reported once by its path");
        if (index.figure_count() != 1) fail("rejected snapshot changed the index");
        return 0;
    }
    for (const Problem& q : p.items)   // duplicates of the figure loaded before, reported
        if (q.path != path) fail("problem names another path:", q.to_string());
    index.finalize(p);
    if (index.find_figure("PMC0__before") != 0) fail("figure loaded before was lost");

    FigureIndex back;
    Problems p2;
    if (!load_snapshot("again.figsnap", save_snapshot(index), back, p2)) fail("own snapshot rejected:", p2.items.empty() ? "" : p2.items[0].to_string());
    back.finalize(p2);
    if (back.figure_count() != index.figure_count()) fail("round trip changed the figure count");
    for (FigureId f = 0; f < index.figure_count(); ++f) {
        const FigureId g = back.find_figure(index.figure(f).record.figid);
        if (g == UINT32_MAX) fail("round trip lost a figure", index.figure(f).record.figid);
        if (genes_of(index, f) != genes_of(back, g)) fail("round trip changed genes of", index.figure(f).record.figid);
    }
    return 0;
}
