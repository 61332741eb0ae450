#include "problems.h"

#include "text_util.h"

namespace figscope {

// One problem is one line of valid UTF-8: control characters that a path or a quoted value
// may carry (a figid "a\nb", a file name with a tab) are written as \n, \r, \t or \xNN, and
// so are bytes that are not UTF-8 (a Latin-1 file name).
static void append_one_line(std::string& s, const std::string& text) {
    static const char* kHex = "0123456789abcdef";
    auto hex = [&](unsigned char u) { s += "\\x"; s += kHex[u >> 4]; s += kHex[u & 15]; };
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        const unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80) {   // a whole valid UTF-8 character is copied, any other byte escaped
            const size_t len = (u & 0xE0) == 0xC0 ? 2 : (u & 0xF0) == 0xE0 ? 3 : (u & 0xF8) == 0xF0 ? 4 : 1;
            int line = 0, col = 0;
            bool nul = false;
            if (len > 1 && i + len <= text.size() && text::valid_utf8(std::string_view(text).substr(i, len), line, col, nul)) {
                s.append(text, i, len);
                i += len;
            } else {
                hex(u);
                ++i;
            }
            continue;
        }
        if (c == '\n') s += "\\n";
        else if (c == '\r') s += "\\r";
        else if (c == '\t') s += "\\t";
        else if (u < 0x20 || u == 0x7f) hex(u);
        else s += c;
        ++i;
    }
}

std::string Problem::to_string() const {
    std::string s;
    append_one_line(s, path);
    s += ':';
    s += std::to_string(line);
    s += ": ";
    append_one_line(s, message);
    return s;
}

}  // namespace figscope
