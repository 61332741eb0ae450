// loader.cpp - files -> index: classify each file, parse it with the right reader, add it.
// Native loads of many files parse on several threads; the index is only touched in order.
#include "loader.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

#include "snapshot.h"
#include "text_util.h"

namespace figscope {

FileKind classify_file(std::string_view path, std::string_view bytes) {
    if (bytes.size() >= 8 && std::equal(bytes.begin(), bytes.begin() + 8, kSnapshotMagic)) return FileKind::Snapshot;
    if (text::ends_with_ci(path, ".figsnap")) return FileKind::Snapshot;
    if (text::ends_with_ci(path, ".tsv")) return FileKind::Sidecar;
    if (text::ends_with_ci(path, ".md") || text::ends_with_ci(path, ".txt") || text::ends_with_ci(path, ".markdown") ||
        text::ends_with_ci(path, ".yml") || text::ends_with_ci(path, ".yaml"))
        return FileKind::Record;
    return FileKind::Ignored;
}

// Loading a file is two steps: parse_file() reads its bytes and touches nothing shared, so
// load_files() can run it on several threads; add_parsed() puts the result into the index,
// always in path order, so what is loaded and which problems are reported (and in which
// order) do not depend on the threads.
namespace {

struct ParsedFile {
    enum class What : uint8_t { Record, Sidecar, Snapshot, Rejected } what = What::Rejected;
    FigureRecord rec;
    Sidecar sc;
    Problems problems;
};

ParsedFile parse_file(const InputFile& file) {
    ParsedFile out;
    FileKind kind = classify_file(file.path, file.bytes);
    // Unknown extension: accept it if it looks like a record, otherwise say what was expected.
    if (kind == FileKind::Ignored) {
        if (file.bytes.substr(0, 3) != "---") {
            out.problems.add(file.path, 0,
                             "not a figure record, sidecar or snapshot (expected .md/.txt with '---' front matter, "
                             "<figid>-genes.tsv, or .figsnap)");
            return out;
        }
        kind = FileKind::Record;
    }
    switch (kind) {
        case FileKind::Snapshot:   // decoded straight into the index by add_parsed
            out.what = ParsedFile::What::Snapshot;
            break;
        case FileKind::Sidecar:
            if (parse_sidecar_tsv(file.path, file.bytes, out.sc, out.problems)) out.what = ParsedFile::What::Sidecar;
            break;
        default:
            if (parse_figure_record(file.path, file.bytes, out.rec, out.problems)) out.what = ParsedFile::What::Record;
            break;
    }
    return out;
}

bool add_parsed(FigureIndex& index, const InputFile& file, ParsedFile&& parsed, Problems& problems) {
    for (Problem& p : parsed.problems.items) problems.items.push_back(std::move(p));
    switch (parsed.what) {
        case ParsedFile::What::Record: return index.add_record(std::move(parsed.rec), problems);
        case ParsedFile::What::Sidecar: index.add_sidecar(std::move(parsed.sc)); return true;
        case ParsedFile::What::Snapshot: return load_snapshot(file.path, file.bytes, index, problems);
        case ParsedFile::What::Rejected: break;
    }
    return false;
}

// Threads for parsing: natively the machine's cores; one where the build has no threads
// (the browser build is single-threaded: SharedArrayBuffer needs headers static hosts lack).
unsigned parse_threads(size_t files) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    (void)files;
    return 1;
#else
    if (files < 64) return 1;   // not worth starting threads
    unsigned n = std::thread::hardware_concurrency();
    return std::clamp(n, 1u, 8u);
#endif
}

}  // namespace

bool load_file(FigureIndex& index, const InputFile& file, Problems& problems) {
    return add_parsed(index, file, parse_file(file), problems);
}

size_t load_files(FigureIndex& index, std::vector<InputFile> files, Problems& problems) {
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    size_t rejected = 0;
    const unsigned threads = parse_threads(files.size());
    if (threads <= 1) {
        for (const InputFile& f : files)
            if (!load_file(index, f, problems)) ++rejected;
    } else {
        // Parse in parallel, a block of files at a time (bounded memory), add in path order.
        constexpr size_t kBlock = 4096;
        std::vector<ParsedFile> parsed;
        for (size_t base = 0; base < files.size(); base += kBlock) {
            const size_t n = std::min(kBlock, files.size() - base);
            parsed.assign(n, ParsedFile{});
            std::atomic<size_t> next{0};
            auto work = [&] {
                for (size_t i; (i = next.fetch_add(1)) < n;) parsed[i] = parse_file(files[base + i]);
            };
            std::vector<std::thread> pool;
            for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
            work();
            for (std::thread& t : pool) t.join();
            for (size_t i = 0; i < n; ++i)
                if (!add_parsed(index, files[base + i], std::move(parsed[i]), problems)) ++rejected;
        }
    }
    index.finalize(problems);
    return rejected;
}

namespace {

bool wanted_in_directory(const std::filesystem::path& p) {
    std::string s = p.filename().string();
    if (text::ends_with_ci(s, "readme.md")) return false;
    return text::ends_with_ci(s, ".md") || text::ends_with_ci(s, ".txt") || text::ends_with_ci(s, ".tsv") ||
           text::ends_with_ci(s, ".figsnap");
}

void collect(const std::filesystem::path& root, std::vector<std::string>& out, Problems& problems) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // A PFOCR site checkout: records in _figures/, sidecars in _data/; nothing else is data.
    if (fs::is_directory(root / "_figures", ec)) {
        for (const char* sub : {"_figures", "_data"})
            if (fs::is_directory(root / sub, ec)) collect(root / sub, out, problems);
        return;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) { problems.add(root.string(), 0, "cannot read directory: " + ec.message()); return; }
    for (; it != end; it.increment(ec)) {
        if (ec) { problems.add(root.string(), 0, "error while listing: " + ec.message()); break; }
        const fs::path& p = it->path();
        if (it->is_directory(ec)) {
            std::string name = p.filename().string();
            if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && wanted_in_directory(p)) out.push_back(p.string());
    }
}

}  // namespace

std::vector<InputFile> read_paths(const std::vector<std::string>& paths, Problems& problems) {
    namespace fs = std::filesystem;
    std::vector<std::string> names;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) collect(p, names, problems);
        else if (fs::exists(p, ec)) names.push_back(p);
        else problems.add(p, 0, "no such file or directory");
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<InputFile> files;
    files.reserve(names.size());
    for (const std::string& name : names) {
        std::error_code ec;
        auto size = fs::file_size(name, ec);
        if (!ec && size > (1ull << 32)) {   // no single input is that large; do not try to read it
            problems.add(name, 0, "file is larger than 4 GB; skipped");
            continue;
        }
        // A record or sidecar over its size limit is rejected without reading it into memory
        // (same message as the parsers give; a snapshot under another name is still read).
        const FileKind by_name = classify_file(name, {});
        const size_t limit = by_name == FileKind::Record    ? Limits::max_record_bytes
                             : by_name == FileKind::Sidecar ? Limits::max_sidecar_bytes
                                                            : 0;
        if (!ec && limit && size > limit) {
            char magic[8] = {};
            std::ifstream(name, std::ios::binary).read(magic, 8);
            if (!std::equal(magic, magic + 8, kSnapshotMagic)) {
                const char* what = by_name == FileKind::Record ? "record" : "sidecar";
                problems.add(name, 0, std::string(what) + " is " + std::to_string(size) + " bytes, over the " +
                                          std::to_string(limit >> 20) + " MB limit for one " + what + "; skipped");
                continue;
            }
        }
        std::ifstream in(name, std::ios::binary);
        if (!in) { problems.add(name, 0, "cannot open file"); continue; }
        InputFile f;
        f.path = name;
        if (!ec) f.bytes.resize(size_t(size));
        in.read(f.bytes.data(), std::streamsize(f.bytes.size()));
        f.bytes.resize(size_t(in.gcount()));
        files.push_back(std::move(f));
    }
    return files;
}

}  // namespace figscope
