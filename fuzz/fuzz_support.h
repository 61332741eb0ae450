// fuzz_support.h - invariants shared by the fuzz targets.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "problems.h"
#include "text_util.h"

namespace figscope::fuzz {

[[noreturn]] inline void fail(const char* target, const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "%s: invariant broken: %s %s\n", target, what, detail.c_str());
    std::abort();
}

inline int max_line(std::string_view text) {
    int n = 1;
    for (char c : text) n += (c == '\n' || c == '\r');
    return n;
}

// Every problem names the file, lies inside it (0 = whole file), has a UTF-8 message and
// prints as one line.
inline void check_problems(const char* target, const Problems& problems, std::string_view path, std::string_view text) {
    const int lines = max_line(text);
    for (const Problem& p : problems.items) {
        if (p.path != path) fail(target, "problem names another path:", p.to_string());
        if (p.line < 0 || p.line > lines) fail(target, "problem line outside the file:", p.to_string());
        if (p.message.empty()) fail(target, "empty problem message");
        int bad_line = 0, bad_col = 0;
        bool nul = false;
        if (!text::valid_utf8(p.message, bad_line, bad_col, nul)) fail(target, "problem message is not UTF-8:", p.to_string());
        if (p.to_string().find_first_of("\n\r") != std::string::npos) fail(target, "problem is not one line:", p.to_string());
    }
}

}  // namespace figscope::fuzz
