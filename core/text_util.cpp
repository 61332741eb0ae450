#include "text_util.h"

#include <algorithm>
#include <cstring>

namespace figscope::text {

bool valid_utf8(std::string_view s, int& bad_line, int& bad_col, bool& has_nul) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    has_nul = false;
    size_t bad = n;   // offset of the first bad byte
    for (size_t i = 0; i < n;) {
        // Fast path: 8 ASCII bytes with no NUL at a time (almost all of a record).
        if (i + 8 <= n) {
            uint64_t w;
            std::memcpy(&w, p + i, 8);
            const bool ascii = (w & 0x8080808080808080ull) == 0;
            const bool has_zero = ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0;
            if (ascii && !has_zero) { i += 8; continue; }
        }
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0) { has_nul = true; bad = i; break; }
            ++i;
            continue;
        }
        size_t len;
        uint32_t min;
        if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
        else { bad = i; break; }
        if (i + len > n) { bad = i; break; }
        uint32_t cp = c & (0xFF >> (len + 1));
        size_t k = 1;
        for (; k < len && (p[i + k] & 0xC0) == 0x80; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
        if (k < len || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { bad = i; break; }
        i += len;
    }
    if (bad == n) return true;
    // Only on failure: where it is, as line and column.
    bad_line = line_of(s, bad);
    size_t line_start = s.rfind('\n', bad == 0 ? 0 : bad - 1);
    line_start = (line_start == std::string_view::npos || bad == 0) ? 0 : line_start + 1;
    bad_col = int(bad - line_start) + 1;
    return false;
}

std::string not_text_reason(std::string_view s, int bad_col) {
    if (s.substr(0, 2) == "\xFF\xFE" || s.substr(0, 2) == "\xFE\xFF")
        return "UTF-16 text; figscope reads UTF-8 (save the file as UTF-8)";
    if (s.find('\0') != std::string_view::npos)
        return "binary data, not text (first bad byte at column " + std::to_string(bad_col) + ")";
    return "invalid UTF-8 at column " + std::to_string(bad_col);
}

std::string excerpt(std::string_view s, size_t max) {
    if (s.size() <= max) return std::string(s);
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;   // s[n] starts a character
    return std::string(s.substr(0, n)) + "...";
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
