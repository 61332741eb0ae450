// figscope_bench.cpp - the figscope side of tools/bench.sh, built natively and with em++.
//
//   figscope_bench export   CORPUS WORKDIR             load once; write WORKDIR/corpus.figsnap,
//                                                      figure_gene.tsv, genes.tsv, triples.tsv, shape.json
//   figscope_bench run      CORPUS WORKDIR [options]   timings as one JSON object on stdout
//       --reps N            repetitions of each measurement (median reported)      default 5
//       --sections a,b,...  ingest (full corpus from memory), io (read + ingest), sample (records of
//                           CORPUS/sample10.txt, the YAML peers' input), snapshot, query, cooc
//   figscope_bench mem-files    CORPUS                 RSS after loading the corpus from files
//   figscope_bench mem-snapshot SNAPSHOT               RSS / wasm heap after loading a snapshot
//
// Each measurement but the native full-corpus ingest runs once untimed first (V8 compiles wasm
// with a baseline tier and optimises hot code later). Timings use steady_clock around the core calls only (load_files, run_query, gene_frequencies +
// cooccurrence_matrix); input files are read and copied before the clock starts unless stated.
// Under Node the program reads the host's files directly (-sNODERAWFS=1).
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cooccurrence.h"
#include "loader.h"
#include "query.h"
#include "snapshot.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#include <malloc.h>
#else
#include <malloc.h>
#endif

using namespace figscope;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = size_t(q * double(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::string json_array(const std::vector<double>& v) {
    std::string s = "[";
    char buf[32];
    for (size_t i = 0; i < v.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%.6g", i ? "," : "", v[i]);
        s += buf;
    }
    return s + "]";
}

std::string json_string(std::string_view s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') { o += '\\'; o += c; }
        else if (uint8_t(c) < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
        else o += c;
    }
    return o + "\"";
}

// One JSON object, fields in insertion order.
struct Json {
    std::vector<std::pair<std::string, std::string>> fields;
    void num(const std::string& k, double v) { char b[40]; std::snprintf(b, sizeof b, "%.9g", v); fields.push_back({k, b}); }
    void raw(const std::string& k, const std::string& v) { fields.push_back({k, v}); }
    void str(const std::string& k, std::string_view v) { fields.push_back({k, json_string(v)}); }
    std::string dump() const {
        std::string s = "{";
        for (size_t i = 0; i < fields.size(); ++i) s += (i ? ",\n \"" : "\n \"") + fields[i].first + "\": " + fields[i].second;
        return s + "\n}";
    }
};

// One read call for the whole file (a stringstream reads in small pieces, which is slow in wasm).
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::string s(size_t(in.tellg()), '\0');
    in.seekg(0);
    in.read(s.data(), std::streamsize(s.size()));
    return s;
}

size_t total_bytes(const std::vector<InputFile>& files) {
    size_t n = 0;
    for (const InputFile& f : files) n += f.bytes.size();
    return n;
}

std::vector<InputFile> read_corpus(const std::string& corpus) {
    Problems p;
    std::vector<InputFile> files = read_paths({corpus}, p);
    if (!p.empty()) std::fprintf(stderr, "figscope_bench: %zu problems reading %s\n", p.size(), corpus.c_str());
    return files;
}

std::vector<InputFile> read_sample(const std::string& corpus) {
    std::vector<InputFile> files;
    std::ifstream list(corpus + "/sample10.txt");
    std::string rel;
    while (std::getline(list, rel))
        if (!rel.empty()) files.push_back({corpus + "/" + rel, read_file(corpus + "/" + rel)});
    return files;
}

struct MemInfo { double rss = 0, hwm = 0; };
MemInfo memory() {
    MemInfo m;
#ifndef __EMSCRIPTEN__
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) m.rss = std::atof(line.c_str() + 6) * 1024;
        if (line.rfind("VmHWM:", 0) == 0) m.hwm = std::atof(line.c_str() + 6) * 1024;
    }
#endif
    return m;
}

void heap_fields(Json& j) {
#ifdef __EMSCRIPTEN__
    struct mallinfo mi = mallinfo();
    j.num("wasm_heap_bytes", double(emscripten_get_heap_size()));   // HEAP8.length
    j.num("wasm_malloc_in_use_bytes", double(mi.uordblks));
#else
    malloc_trim(0);
    MemInfo m = memory();
    j.num("rss_bytes", m.rss);
    j.num("peak_rss_bytes", m.hwm);
#endif
}

// Loads files into a fresh index; returns seconds spent in load_files (copying excluded).
double timed_load(const std::vector<InputFile>& files, FigureIndex& index, size_t& problems) {
    std::vector<InputFile> copy = files;
    Problems p;
    auto t0 = Clock::now();
    load_files(index, std::move(copy), p);
    double s = seconds_since(t0);
    problems = p.size();
    return s;
}

struct Triple { std::string a, b, c; };

std::vector<Triple> read_triples(const std::string& path) {
    std::vector<Triple> out;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);   // header
    while (std::getline(in, line)) {
        std::istringstream ss(line);
        Triple t;
        std::getline(ss, t.a, '\t');
        std::getline(ss, t.b, '\t');
        std::getline(ss, t.c, '\t');
        if (!t.c.empty()) out.push_back(t);
    }
    return out;
}

std::vector<FigureId> all_figures(const FigureIndex& index) {
    std::vector<FigureId> v(index.figure_count());
    for (size_t i = 0; i < v.size(); ++i) v[i] = FigureId(i);
    return v;
}

// A prototype of a faster top-N co-occurrence for the whole corpus, to check the suggestion in
// tools/bench/notes.md (not core code; same result as gene_frequencies + cooccurrence_matrix
// on the all-figures selection, which the run checks):
//   frequencies: a gene's figure count is the length of its posting list (O(genes), not
//                O(mentions));
//   matrix:      the rows' posting lists set one bit per (figure, row) in a figures x 2 words
//                mask, then each figure with bits adds its pairs to the upper triangle only.
struct ProtoResult { std::vector<GeneId> genes; std::vector<uint32_t> counts; };
ProtoResult cooc_prototype(const FigureIndex& index, size_t top_n) {
    ProtoResult out;
    std::vector<GeneCount> all;
    all.reserve(index.gene_count());
    for (GeneId g = 0; g < index.gene_count(); ++g)
        if (uint32_t c = uint32_t(index.postings(g).size())) all.push_back({g, c});
    auto better = [&](const GeneCount& a, const GeneCount& b) {
        if (a.figures != b.figures) return a.figures > b.figures;
        return index.gene_symbol(a.gene) < index.gene_symbol(b.gene);
    };
    size_t n = std::min(top_n, all.size());
    std::partial_sort(all.begin(), all.begin() + ptrdiff_t(n), all.end(), better);
    for (size_t i = 0; i < n; ++i) out.genes.push_back(all[i].gene);
    const size_t words = (n + 63) / 64, nf = index.figure_count();
    std::vector<uint64_t> mask(nf * words, 0);
    for (size_t i = 0; i < n; ++i)
        for (FigureId f : index.postings(out.genes[i])) mask[f * words + i / 64] |= uint64_t(1) << (i % 64);
    out.counts.assign(n * n, 0);
    uint32_t rows[256];
    for (size_t f = 0; f < nf; ++f) {
        size_t k = 0;
        for (size_t w = 0; w < words; ++w)
            for (uint64_t b = mask[f * words + w]; b; b &= b - 1) rows[k++] = uint32_t(w * 64 + size_t(__builtin_ctzll(b)));
        for (size_t a = 0; a < k; ++a) {
            uint32_t* row = &out.counts[size_t(rows[a]) * n];
            for (size_t c = a; c < k; ++c) ++row[rows[c]];
        }
    }
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j) out.counts[j * n + i] = out.counts[i * n + j];
    return out;
}

// ---- export ---------------------------------------------------------------------------------

int cmd_export(const std::string& corpus, const std::string& work) {
    std::vector<InputFile> files = read_corpus(corpus);
    size_t bytes = total_bytes(files), nrec = 0, nside = 0, brec = 0;
    for (const InputFile& f : files) {
        FileKind k = classify_file(f.path, f.bytes);
        if (k == FileKind::Record) { ++nrec; brec += f.bytes.size(); }
        if (k == FileKind::Sidecar) ++nside;
    }
    FigureIndex index;
    Problems p;
    load_files(index, std::move(files), p);
    for (size_t i = 0; i < std::min<size_t>(p.size(), 5); ++i) std::fprintf(stderr, "%s\n", p.items[i].to_string().c_str());

    std::string snap = save_snapshot(index);
    { std::ofstream o(work + "/corpus.figsnap", std::ios::binary); o.write(snap.data(), std::streamsize(snap.size())); }
    {
        std::ofstream o(work + "/figure_gene.tsv");
        std::string buf;
        for (FigureId f = 0; f < index.figure_count(); ++f)
            for (GeneId g : index.figure_genes(f)) { buf += std::to_string(f); buf += '\t'; buf += std::to_string(g); buf += '\n'; }
        o << buf;
    }
    {
        std::ofstream o(work + "/genes.tsv");
        for (GeneId g = 0; g < index.gene_count(); ++g) o << g << '\t' << index.gene_symbol(g) << '\n';
    }
    // Gene triples for the 3-gene ALL filter: 2/3 drawn from the genes of one figure (what a
    // user looking at a pathway asks for; never empty), 1/3 three genes of the top 500 (often
    // empty). A fixed LCG, so every engine gets the same triples.
    {
        std::vector<GeneCount> top = gene_frequencies(index, all_figures(index), 500);
        uint64_t s = 0x2545F4914F6CDD1Dull;
        auto next = [&](uint64_t n) { s = s * 6364136223846793005ull + 1442695040888963407ull; return (s >> 33) % n; };
        std::ofstream o(work + "/triples.tsv");
        o << "a\tb\tc\tida\tidb\tidc\n";
        int made = 0;
        while (made < 300) {
            GeneId g[3];
            if (made % 3 != 2) {
                FigureId f = FigureId(next(index.figure_count()));
                auto genes = index.figure_genes(f);
                if (genes.size() < 3) continue;
                g[0] = genes[next(genes.size())];
                do g[1] = genes[next(genes.size())]; while (g[1] == g[0]);
                do g[2] = genes[next(genes.size())]; while (g[2] == g[0] || g[2] == g[1]);
            } else {
                g[0] = top[next(top.size())].gene;
                do g[1] = top[next(top.size())].gene; while (g[1] == g[0]);
                do g[2] = top[next(top.size())].gene; while (g[2] == g[0] || g[2] == g[1]);
            }
            // A symbol that folds to another gene's symbol would widen the figscope query (it
            // matches genes ignoring case); keep triples whose terms resolve to exactly one gene.
            bool ok = true;
            for (GeneId x : g) ok &= index.resolve_gene_term(index.gene_symbol(x)).size() == 1;
            if (!ok) continue;
            o << index.gene_symbol(g[0]) << '\t' << index.gene_symbol(g[1]) << '\t' << index.gene_symbol(g[2]) << '\t'
              << g[0] << '\t' << g[1] << '\t' << g[2] << '\n';
            ++made;
        }
    }
    Json j;
    j.num("figures", double(index.figure_count()));
    j.num("gene_mentions", double(index.gene_mentions()));
    size_t genes_with = 0;
    for (GeneId g = 0; g < index.gene_count(); ++g) genes_with += !index.postings(g).empty();
    j.num("genes", double(genes_with));
    j.num("gene_symbols_interned", double(index.gene_count()));
    std::map<std::string, size_t> from;
    for (const Figure& f : index.figures()) ++from[genes_from_name(f.genes_from)];
    std::string fr = "{";
    for (auto& [k, v] : from) fr += (fr.size() > 1 ? "," : "") + json_string(k) + ":" + std::to_string(v);
    j.raw("genes_from", fr + "}");
    j.num("files", double(nrec + nside));
    j.num("record_files", double(nrec));
    j.num("sidecar_files", double(nside));
    j.num("bytes", double(bytes));
    j.num("record_bytes", double(brec));
    j.num("snapshot_bytes", double(snap.size()));
    j.num("load_problems", double(p.size()));
    j.num("aliases", double(index.aliases().size()));
    std::string out = j.dump();
    { std::ofstream o(work + "/shape.json"); o << out << '\n'; }
    std::printf("%s\n", out.c_str());
    return 0;
}

// ---- run ------------------------------------------------------------------------------------

int cmd_run(const std::string& corpus, const std::string& work, int reps, const std::string& sections) {
    auto want = [&](const char* s) { return ("," + sections + ",").find(std::string(",") + s + ",") != std::string::npos; };
    Json j;
#ifdef __EMSCRIPTEN__
    j.str("engine", "figscope-wasm");
#else
    j.str("engine", "figscope-native");
#endif
    j.num("reps", reps);

    if (want("ingest") || want("io")) {
        auto t0 = Clock::now();
        std::vector<InputFile> files = read_corpus(corpus);
        double read_s = seconds_since(t0);
        const double bytes = double(total_bytes(files));
        j.num("ingest_bytes", bytes);
        j.num("ingest_files", double(files.size()));
        j.num("read_seconds_first", read_s);
        if (want("ingest")) {
            std::vector<double> t;
            size_t problems = 0;
            for (int r = 0; r < reps; ++r) {
                FigureIndex index;
                t.push_back(timed_load(files, index, problems));
            }
            // Where the time goes: the same work as load_files, one phase at a time (one run).
            {
                std::vector<InputFile> copy = files;
                std::sort(copy.begin(), copy.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
                FigureIndex index;
                Problems p;
                double rec = 0, side = 0;
                for (const InputFile& f : copy) {
                    FileKind k = classify_file(f.path, f.bytes);
                    auto t1 = Clock::now();
                    load_file(index, f, p);
                    (k == FileKind::Sidecar ? side : rec) += seconds_since(t1);
                }
                auto t1 = Clock::now();
                index.finalize(p);
                j.num("ingest_phase_records_seconds", rec);
                j.num("ingest_phase_sidecars_seconds", side);
                j.num("ingest_phase_finalize_seconds", seconds_since(t1));
            }
            j.raw("ingest_seconds", json_array(t));
            j.num("ingest_seconds_median", median(t));
            j.num("ingest_mb_per_s", bytes / 1e6 / median(t));
            j.num("ingest_problems", double(problems));
        }
        files = {};
        if (want("io")) {
            std::vector<double> t;
            for (int r = 0; r < std::max(1, reps / 2); ++r) {
                auto t1 = Clock::now();
                Problems p;
                FigureIndex index;
                load_files(index, read_paths({corpus}, p), p);
                t.push_back(seconds_since(t1));
            }
            j.raw("ingest_io_seconds", json_array(t));
            j.num("ingest_io_mb_per_s", bytes / 1e6 / median(t));
        }
    }
    if (want("sample")) {
        std::vector<InputFile> files = read_sample(corpus);
        const double bytes = double(total_bytes(files));
        std::vector<double> t;
        size_t problems = 0;
        for (int r = -1; r < reps; ++r) {   // r = -1: warm-up (lets V8 tier the wasm up), not timed
            FigureIndex index;
            double s = timed_load(files, index, problems);
            if (r >= 0) t.push_back(s);
        }
        j.num("sample_files", double(files.size()));
        j.num("sample_bytes", bytes);
        j.raw("sample_seconds", json_array(t));
        j.num("sample_mb_per_s", bytes / 1e6 / median(t));
        j.num("sample_problems", double(problems));
    }

    FigureIndex index;
    if (want("snapshot") || want("query") || want("cooc")) {
        std::vector<InputFile> snap{{work + "/corpus.figsnap", read_file(work + "/corpus.figsnap")}};
        j.num("snapshot_bytes", double(snap[0].bytes.size()));
        std::vector<double> t;
        size_t problems = 0;
#ifdef __EMSCRIPTEN__
        const int first = want("snapshot") ? -1 : 0;   // a warm-up load for V8's optimising tier
#else
        const int first = 0;
#endif
        for (int r = first; r < (want("snapshot") ? reps : 1); ++r) {
            FigureIndex fresh;
            double s = timed_load(snap, fresh, problems);
            if (r < 0) continue;
            t.push_back(s);
            if (r == 0) index = std::move(fresh);
        }
        if (want("snapshot")) {
            j.raw("snapshot_load_seconds", json_array(t));
            j.num("snapshot_load_seconds_median", median(t));
        }
        j.num("figures", double(index.figure_count()));
        j.num("gene_mentions", double(index.gene_mentions()));
        snap = {};
        heap_fields(j);
    }

    if (want("query")) {
        std::vector<Triple> triples = read_triples(work + "/triples.tsv");
        std::vector<std::vector<double>> per(triples.size());
        double results = 0;
        for (int r = -1; r < reps; ++r) {   // r = -1: warm-up pass, not recorded
            for (size_t i = 0; i < triples.size(); ++i) {
                FigureQuery q;
                q.genes = {triples[i].a, triples[i].b, triples[i].c};
                q.mode = GeneMode::All;
                auto t0 = Clock::now();
                QueryResult res = run_query(index, q);
                if (r < 0) continue;
                per[i].push_back(seconds_since(t0) * 1e6);
                if (r == 0) results += double(res.figures.size());
            }
        }
        std::vector<double> med;
        for (auto& v : per) med.push_back(median(v));
        j.num("query_triples", double(triples.size()));
        j.num("query_us_median", median(med));
        j.num("query_us_p90", quantile(med, 0.9));
        j.num("query_us_max", quantile(med, 1.0));
        j.num("query_result_figures_total", results);
    }

    if (want("cooc")) {
        const std::vector<FigureId> all = all_figures(index);
        std::vector<double> tf, tm, tt;
        double checksum = 0, diag = 0;
        {   // warm-up, not recorded
            std::vector<GeneCount> top = gene_frequencies(index, all, 100);
            std::vector<GeneId> genes;
            for (const GeneCount& g : top) genes.push_back(g.gene);
            cooccurrence_matrix(index, all, genes);
            cooc_prototype(index, 100);
        }
        for (int r = 0; r < reps; ++r) {
            auto t0 = Clock::now();
            std::vector<GeneCount> top = gene_frequencies(index, all, 100);
            auto t1 = Clock::now();
            std::vector<GeneId> genes;
            for (const GeneCount& g : top) genes.push_back(g.gene);
            CooccurrenceMatrix m = cooccurrence_matrix(index, all, genes);
            auto t2 = Clock::now();
            tf.push_back(std::chrono::duration<double>(t1 - t0).count() * 1e3);
            tm.push_back(std::chrono::duration<double>(t2 - t1).count() * 1e3);
            tt.push_back(std::chrono::duration<double>(t2 - t0).count() * 1e3);
            if (r == 0) {
                for (size_t i = 0; i < m.n(); ++i) {
                    diag += m.at(i, i);
                    for (size_t k = 0; k < m.n(); ++k) checksum += m.at(i, k);
                }
            }
        }
        // The prototype of tools/bench/notes.md, interleaved with the core calls above.
        std::vector<double> tp;
        bool same = true;
        for (int r = 0; r < reps; ++r) {
            auto t0 = Clock::now();
            ProtoResult pr = cooc_prototype(index, 100);
            tp.push_back(seconds_since(t0) * 1e3);
            if (r == 0) {
                std::vector<GeneCount> top = gene_frequencies(index, all, 100);
                std::vector<GeneId> genes;
                for (const GeneCount& g : top) genes.push_back(g.gene);
                same = genes == pr.genes && cooccurrence_matrix(index, all, genes).counts == pr.counts;
            }
        }
        j.num("cooc_prototype_ms_median", median(tp));
        j.raw("cooc_prototype_same_result", same ? "true" : "false");
        j.raw("cooc_ms", json_array(tt));
        j.num("cooc_ms_median", median(tt));
        j.num("cooc_frequencies_ms_median", median(tf));
        j.num("cooc_matrix_ms_median", median(tm));
        j.num("cooc_cell_sum", checksum);
        j.num("cooc_diagonal_sum", diag);
    }
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

int cmd_mem(const std::string& what, const std::string& path) {
    Json j;
    j.str("mode", what);
    MemInfo before = memory();
    j.num("rss_before_bytes", before.rss);
    FigureIndex index;
    Problems p;
    size_t input = 0;
    auto t0 = Clock::now();
    std::vector<InputFile> files;
    if (what == "mem-files") files = read_paths({path}, p);
    else files.push_back({path, read_file(path)});
    input = total_bytes(files);
    j.num("read_seconds", seconds_since(t0));
    t0 = Clock::now();
    load_files(index, std::move(files), p);
    j.num("load_seconds", seconds_since(t0));
    j.num("input_bytes", double(input));
    j.num("figures", double(index.figure_count()));
    j.num("problems", double(p.size()));
    heap_fields(j);   // the input bytes are freed by now: what stays is the index
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() >= 3 && a[0] == "export") return cmd_export(a[1], a[2]);
    if (a.size() >= 2 && (a[0] == "mem-files" || a[0] == "mem-snapshot")) return cmd_mem(a[0], a[1]);
    if (a.size() >= 3 && a[0] == "run") {
        int reps = 5;
        std::string sections = "ingest,io,sample,snapshot,query,cooc";
        for (size_t i = 3; i + 1 < a.size(); i += 2) {
            if (a[i] == "--reps") reps = std::max(1, std::atoi(a[i + 1].c_str()));
            else if (a[i] == "--sections") sections = a[i + 1];
        }
        return cmd_run(a[1], a[2], reps, sections);
    }
    std::fprintf(stderr,
                 "usage: figscope_bench export CORPUS WORKDIR\n"
                 "       figscope_bench run CORPUS WORKDIR [--reps N] [--sections ingest,io,sample,snapshot,query,cooc]\n"
                 "       figscope_bench mem-files CORPUS | mem-snapshot FILE\n");
    return 2;
}
