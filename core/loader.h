// loader.h - turning files into index entries: records, sidecars, snapshots.
//
// A LoadBatch is one user action (files given on the command line, files dropped in the
// browser). Files are processed in sorted path order so that results are deterministic.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "figure_index.h"
#include "problems.h"

namespace figscope {

struct InputFile {
    std::string path;     // as shown in problems
    std::string bytes;
};

enum class FileKind : uint8_t { Record, Sidecar, Snapshot, Ignored };
FileKind classify_file(std::string_view path, std::string_view bytes);

// Parses one file into the index (records, sidecars, or a whole snapshot). Call
// index.finalize() after the last file of a batch. Returns false if the file was rejected.
bool load_file(FigureIndex& index, const InputFile& file, Problems& problems);

// Loads files (in sorted path order) and finalizes. Returns the number of files rejected.
size_t load_files(FigureIndex& index, std::vector<InputFile> files, Problems& problems);

// Native only: expands paths (files; directories recursively, which covers a PFOCR site
// checkout with _figures/ and _data/) and reads them. Unreadable paths become problems.
std::vector<InputFile> read_paths(const std::vector<std::string>& paths, Problems& problems);

}  // namespace figscope
