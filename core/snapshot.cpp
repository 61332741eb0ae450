// snapshot.cpp - save_snapshot / load_snapshot (format in snapshot.h).
//
// Index of this file
//   [SECTION] Checksum          64-bit, 8 bytes a step (fast enough for 100 MB in wasm)
//   [SECTION] Writer            little-endian u8/u16/u32/u64/f64, strings as u32 length + bytes
//   [SECTION] Reader            every read bounds-checked; the first failure stops with a reason
//   [SECTION] Save / Load       payload: string tables, figures, aliases
//
// Loading decodes everything into local records first and only then adds them to the index,
// so a bad snapshot leaves the index exactly as it was.

#include "snapshot.h"

#include <cstring>

#include "text_util.h"

namespace figscope {

//-----------------------------------------------------------------------------
// [SECTION] Checksum
//-----------------------------------------------------------------------------

uint64_t snapshot_checksum(std::string_view data) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ data.size();
    size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, data.data() + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < data.size(); ++i) h = (h ^ uint8_t(data[i])) * 0x100000001b3ull;
    h ^= h >> 29;
    return h;
}

//-----------------------------------------------------------------------------
// [SECTION] Writer
//-----------------------------------------------------------------------------

namespace {

struct Writer {
    std::string out;
    template <class T> void raw(T v) {   // hosts and wasm are little-endian
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        out.append(b, sizeof(T));
    }
    void u8(uint8_t v) { raw(v); }
    void u16(uint16_t v) { raw(v); }
    void u32(uint32_t v) { raw(v); }
    void i32(int32_t v) { raw(v); }
    void f64(double v) { raw(v); }
    void str(std::string_view s) { u32(uint32_t(s.size())); out.append(s); }
    void strs(const std::vector<std::string>& v) { u32(uint32_t(v.size())); for (auto& s : v) str(s); }
    void terms(const std::vector<RecordTerm>& v) {
        u32(uint32_t(v.size()));
        for (auto& t : v) { str(t.word); str(t.name); str(t.id); }
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Reader
//-----------------------------------------------------------------------------

struct Reader {
    std::string_view in;
    size_t pos = 0;
    std::string error;   // first failure
    explicit Reader(std::string_view data) : in(data) {}

    bool fail(const std::string& what) {
        if (error.empty()) error = "corrupted at byte " + std::to_string(pos) + ": " + what;
        pos = in.size();
        return false;
    }
    template <class T> T raw() {
        T v{};
        if (in.size() - pos < sizeof(T)) { fail("unexpected end of data"); return v; }
        std::memcpy(&v, in.data() + pos, sizeof(T));
        pos += sizeof(T);
        return v;
    }
    uint8_t u8() { return raw<uint8_t>(); }
    uint16_t u16() { return raw<uint16_t>(); }
    uint32_t u32() { return raw<uint32_t>(); }
    int32_t i32() { return raw<int32_t>(); }
    double f64() { return raw<double>(); }
    // A count of items that each take at least min_bytes: rejects counts the data cannot hold.
    uint32_t count(size_t min_bytes) {
        uint32_t n = u32();
        if (!error.empty()) return 0;
        if (min_bytes && n > (in.size() - pos) / min_bytes) { fail("count " + std::to_string(n) + " exceeds the data"); return 0; }
        return n;
    }
    std::string str() {
        uint32_t n = u32();
        if (in.size() - pos < n) { fail("string runs past the end"); return {}; }
        std::string s(in.substr(pos, n));
        pos += n;
        return s;
    }
    std::vector<std::string> strs() {
        std::vector<std::string> v(count(4));
        for (auto& s : v) s = str();
        return v;
    }
    std::vector<RecordTerm> terms() {
        std::vector<RecordTerm> v(count(12));
        for (auto& t : v) { t.word = str(); t.name = str(); t.id = str(); }
        return v;
    }
};

constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8;

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Save / Load
//-----------------------------------------------------------------------------

std::string save_snapshot(const FigureIndex& index) {
    Writer w;
    // String tables: gene symbols and organisms by id.
    w.u32(uint32_t(index.gene_count()));
    for (GeneId g = 0; g < index.gene_count(); ++g) w.str(index.gene_symbol(g));
    w.strs(index.organisms());
    // Figures.
    w.u32(uint32_t(index.figure_count()));
    for (const Figure& fig : index.figures()) {
        const FigureRecord& r = fig.record;
        for (const std::string* s : {&r.source_path, &r.figid, &r.pmcid, &r.figtitle, &r.caption, &r.papertitle,
                                     &r.reftext, &r.doi, &r.journal_title, &r.number, &r.filename, &r.figlink})
            w.str(*s);
        w.i32(r.source_line);
        w.u8(r.figid_from_filename);
        w.i32(r.year);
        w.strs(r.organisms);
        w.strs(r.organisms_ner);
        w.strs(r.keywords);
        w.strs(r.jsonld_keywords);
        w.f64(r.automl_pathway);
        w.f64(r.pathway_score);
        // Keyword genes are derived again at load; only inline / sidecar genes are stored.
        bool own = fig.genes_from == GenesFrom::Inline || fig.genes_from == GenesFrom::Sidecar;
        w.u8(uint8_t(own ? fig.genes_from : GenesFrom::None));
        w.u8(fig.has_genes_sidecar);
        w.u32(own ? uint32_t(fig.own_genes.size()) : 0);
        if (own)
            for (size_t k = 0; k < fig.own_genes.size(); ++k) {
                w.u32(fig.own_genes[k]);
                w.u16(fig.own_gene_organisms[k]);
            }
        w.terms(r.chemicals);
        w.terms(r.diseases);
    }
    // Aliases.
    w.u32(uint32_t(index.aliases().size()));
    for (const AliasEntry& a : index.aliases()) {
        w.str(a.word);
        w.u32(a.gene);
        w.u32(a.count);
    }

    Writer h;
    h.out.append(kSnapshotMagic, 8);
    h.u32(kSnapshotVersion);
    h.u32(0);
    h.raw<uint64_t>(w.out.size());
    h.raw<uint64_t>(snapshot_checksum(w.out));
    return h.out + w.out;
}

bool load_snapshot(std::string_view path, std::string_view bytes, FigureIndex& index, Problems& problems) {
    const std::string p(path);
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kSnapshotMagic, 8) != 0) {
        problems.add(p, 0, "not a figscope snapshot (the file does not start with FIGSNAP)");
        return false;
    }
    if (bytes.size() < kHeaderBytes) {
        problems.add(p, 0, "truncated snapshot: " + std::to_string(bytes.size()) + " bytes, shorter than its header");
        return false;
    }
    Reader hr{bytes.substr(8)};
    uint32_t version = hr.u32();
    hr.u32();   // flags, none defined yet
    uint64_t payload_bytes = hr.raw<uint64_t>();
    uint64_t sum = hr.raw<uint64_t>();
    if (version != kSnapshotVersion) {
        problems.add(p, 0, "snapshot format version " + std::to_string(version) + "; this figscope reads version " +
                               std::to_string(kSnapshotVersion) + " (rebuild it with `figscope snapshot`)");
        return false;
    }
    std::string_view payload = bytes.substr(kHeaderBytes);
    if (payload.size() != payload_bytes) {
        problems.add(p, 0, std::string(payload.size() < payload_bytes ? "truncated" : "damaged") + " snapshot: header says " +
                               std::to_string(payload_bytes) + " payload bytes, file has " + std::to_string(payload.size()));
        return false;
    }
    if (snapshot_checksum(payload) != sum) {
        problems.add(p, 0, "corrupted snapshot: checksum mismatch");
        return false;
    }

    // Decode everything before touching the index.
    Reader r{payload};
    std::vector<std::string> symbols(r.count(4));
    for (auto& s : symbols) s = r.str();
    std::vector<std::string> organisms = r.strs();
    struct Loaded { FigureRecord rec; GenesFrom from; std::vector<GeneId> genes; std::vector<OrganismId> orgs; };
    std::vector<Loaded> figs(r.count(64));
    for (Loaded& L : figs) {
        FigureRecord& rec = L.rec;
        for (std::string* s : {&rec.source_path, &rec.figid, &rec.pmcid, &rec.figtitle, &rec.caption, &rec.papertitle,
                               &rec.reftext, &rec.doi, &rec.journal_title, &rec.number, &rec.filename, &rec.figlink})
            *s = r.str();
        rec.source_line = r.i32();
        rec.figid_from_filename = r.u8() != 0;
        rec.year = r.i32();
        rec.organisms = r.strs();
        rec.organisms_ner = r.strs();
        rec.keywords = r.strs();
        rec.jsonld_keywords = r.strs();
        rec.automl_pathway = r.f64();
        rec.pathway_score = r.f64();
        uint8_t from = r.u8();
        if (from > uint8_t(GenesFrom::Sidecar)) r.fail("bad gene source " + std::to_string(from));
        L.from = GenesFrom(from);
        r.u8();   // has_genes_sidecar: implied by from == Sidecar when re-added
        uint32_t ng = r.count(6);
        if (ng > Limits::max_genes_per_figure) r.fail("figure with " + std::to_string(ng) + " genes");
        L.genes.resize(ng);
        L.orgs.resize(ng);
        for (uint32_t k = 0; k < ng; ++k) {
            L.genes[k] = r.u32();
            L.orgs[k] = r.u16();
            if (L.genes[k] >= symbols.size()) { r.fail("gene id out of range"); break; }
            if (L.orgs[k] != kNoOrganism && L.orgs[k] >= organisms.size()) { r.fail("organism id out of range"); break; }
        }
        rec.has_inline_genes = L.from == GenesFrom::Inline && ng > 0;
        if (L.from == GenesFrom::None && ng > 0) r.fail("genes stored for a figure without a gene source");
        rec.chemicals = r.terms();
        rec.diseases = r.terms();
        if (!r.error.empty()) break;
        if (rec.figid.empty()) r.fail("figure without figid");
    }
    struct Alias { std::string word; uint32_t gene, count; };
    std::vector<Alias> aliases(r.count(12));
    for (Alias& a : aliases) {
        a.word = r.str();
        a.gene = r.u32();
        a.count = r.u32();
        if (a.gene >= symbols.size()) r.fail("alias gene id out of range");
    }
    if (r.error.empty() && r.pos != payload.size()) r.fail("unexpected trailing data");
    if (!r.error.empty()) {
        problems.add(p, 0, "snapshot " + r.error);
        return false;
    }
    if (index.figure_count() + figs.size() > Limits::max_figures) {
        problems.add(p, 0, "snapshot holds " + std::to_string(figs.size()) + " figures; with those loaded that exceeds the " +
                               std::to_string(Limits::max_figures) + " figure limit");
        return false;
    }

    // A figure already loaded (same figid) stays; the snapshot's copy is reported under the
    // snapshot's path (the user never named the record's original source_path).
    // Each symbol and organism is interned once; the snapshot's ids map to the index's.
    std::vector<GeneId> gene_map(symbols.size());
    for (size_t i = 0; i < symbols.size(); ++i) gene_map[i] = index.intern_gene(symbols[i]);
    std::vector<OrganismId> org_map(organisms.size());
    for (size_t i = 0; i < organisms.size(); ++i) org_map[i] = index.intern_organism(organisms[i]);
    for (Loaded& L : figs) {
        for (size_t k = 0; k < L.genes.size(); ++k) {   // in place: GeneId / OrganismId are the same widths
            L.genes[k] = gene_map[L.genes[k]];
            L.orgs[k] = L.orgs[k] == kNoOrganism ? kNoOrganism : org_map[L.orgs[k]];
        }
        Problems skipped;
        const std::string source = L.rec.source_path;
        if (!index.add_figure_interned(std::move(L.rec), L.from, std::move(L.genes), std::move(L.orgs), skipped))
            for (const Problem& q : skipped.items) problems.add(p, 0, q.message + " (record " + source + " in this snapshot)");
    }
    for (const Alias& a : aliases) index.add_alias(a.word, symbols[a.gene], a.count);
    return true;
}

}  // namespace figscope
