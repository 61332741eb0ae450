// snapshot.h - a binary image of loaded records, for fast start-up (the bundled data).
//
// Format "FIGSNAP" version 1: header {magic[8], u32 version, u32 flags, u64 payload_bytes,
// u64 fnv1a64(payload)}, then the payload: figures with their display fields, gene symbols
// with organisms, OCR word pairs, chemicals and diseases. Little-endian. A truncated,
// corrupted or other-version snapshot is rejected with a clear reason, nothing half-loaded.
#pragma once
#include <string>
#include <string_view>

#include "figure_index.h"
#include "problems.h"

namespace figscope {

constexpr char kSnapshotMagic[8] = {'F', 'I', 'G', 'S', 'N', 'A', 'P', '\0'};
constexpr uint32_t kSnapshotVersion = 1;

// The header's checksum of a payload (64-bit, 8 bytes a step).
uint64_t snapshot_checksum(std::string_view payload);

std::string save_snapshot(const FigureIndex& index);
// Adds the snapshot's records to index (as add_record would). Returns false, with a problem
// naming path, if the snapshot is unusable; the index is then left as it was.
bool load_snapshot(std::string_view path, std::string_view bytes, FigureIndex& index,
                   Problems& problems);

}  // namespace figscope
