// fuzz_sidecar.cpp - libFuzzer target for the TSV sidecar reader (<figid>-genes.tsv etc.).
//
// Input: the bytes of one TSV file. Its kind (genes / chemicals / diseases) is chosen from
// the header so that the real sidecars used as seeds keep their meaning: a header naming
// "doid" is a diseases file, "chebi" a chemicals file, anything else a genes file.
// Checked: a rejected file has a problem; every problem names the file, lies inside it and
// is one line; at most 20 row problems plus one summary; an accepted sidecar attaches to
// its record (no "no record" report) with unique genes within the limit, and the figure
// survives a snapshot round trip with the same genes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "figure_index.h"
#include "figure_record.h"
#include "snapshot.h"
#include "fuzz_support.h"
#include "text_util.h"

using namespace figscope;

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) { fuzz::fail("fuzz_sidecar", what, detail); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string_view header = text.substr(0, text.find('\n'));
    const char* suffix = header.find("doid") != std::string_view::npos    ? "-diseases.tsv"
                         : header.find("chebi") != std::string_view::npos ? "-chemicals.tsv"
                                                                          : "-genes.tsv";
    const std::string figid = "PMC1__fuzz";
    const std::string path = "fuzz/_data/" + figid + suffix;

    Sidecar sc;
    Problems problems;
    const bool ok = parse_sidecar_tsv(path, text, sc, problems);
    fuzz::check_problems("fuzz_sidecar", problems, path, text);
    if (problems.size() > 21) fail("more than 20 row problems + 1 summary");
    if (!ok) {
        if (problems.empty()) fail("sidecar rejected without a problem");
        return 0;
    }
    if (sc.figid != figid) fail("figid not taken from the file name", sc.figid);
    if (sc.genes.size() > Limits::max_genes_per_figure) fail("genes over the limit");
    std::set<std::pair<std::string, std::string>> seen;
    for (const RecordGene& g : sc.genes) {
        if (g.symbol.empty()) fail("empty gene symbol");
        if (!seen.emplace(g.symbol, g.organism).second) fail("duplicate gene", g.symbol);
    }
    const size_t n_terms = sc.terms.size();
    const SidecarKind kind = sc.kind;

    // Attach to its record; then snapshot round trip.
    FigureIndex index;
    Problems p2;
    FigureRecord rec;
    if (!parse_figure_record("fuzz/_figures/" + figid + ".md", "---\nfigid: " + figid + "\n---\n", rec, p2))
        fail("fixed record rejected");
    index.add_record(std::move(rec), p2);
    index.add_sidecar(std::move(sc));
    index.finalize(p2);
    if (!p2.empty()) fail("problem attaching the sidecar:", p2.items[0].to_string());
    if (!index.pending_sidecars().empty()) fail("sidecar left pending");
    const FigureId f = index.find_figure(figid);
    if (f == UINT32_MAX) fail("figure lost");
    if (kind == SidecarKind::Chemicals && index.figure(f).record.chemicals.size() != n_terms) fail("chemicals lost");
    if (kind == SidecarKind::Diseases && index.figure(f).record.diseases.size() != n_terms) fail("diseases lost");

    FigureIndex back;
    Problems p3;
    if (!load_snapshot("fuzz.figsnap", save_snapshot(index), back, p3)) fail("own snapshot rejected:", p3.items.empty() ? "" : p3.items[0].to_string());
    back.finalize(p3);
    const FigureId g = back.find_figure(figid);
    if (g == UINT32_MAX) fail("snapshot lost the figure");
    std::set<std::string> a, b;
    for (GeneId x : index.figure_genes(f)) a.insert(index.gene_symbol(x));
    for (GeneId x : back.figure_genes(g)) b.insert(back.gene_symbol(x));
    if (a != b) fail("snapshot changed the genes");
    return 0;
}
