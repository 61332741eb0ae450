#include "text_util.h"

#include <algorithm>

namespace figscope::text {

bool valid_utf8(std::string_view s, int& bad_line, int& bad_col, bool& has_nul) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    int line = 1;
    size_t line_start = 0;
    has_nul = false;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0) { has_nul = true; bad_line = line; bad_col = int(i - line_start) + 1; return false; }
            if (c == '\n') { ++line; line_start = i + 1; }
            ++i;
            continue;
        }
        size_t len;
        uint32_t min;
        if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
        else { bad_line = line; bad_col = int(i - line_start) + 1; return false; }
        if (i + len > n) { bad_line = line; bad_col = int(i - line_start) + 1; return false; }
        uint32_t cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) { bad_line = line; bad_col = int(i - line_start) + 1; return false; }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            bad_line = line; bad_col = int(i - line_start) + 1; return false;
        }
        i += len;
    }
    return true;
}

int line_of(std::string_view s, size_t pos) {
    pos = std::min(pos, s.size());
    return 1 + int(std::count(s.begin(), s.begin() + pos, '\n'));
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (size_t i = 0; i < suffix.size(); ++i)
        if (ascii_lower(s[s.size() - suffix.size() + i]) != ascii_lower(suffix[i])) return false;
    return true;
}

std::string_view base_name(std::string_view path) {
    size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string normalize_newlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace figscope::text
