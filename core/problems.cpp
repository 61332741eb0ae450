#include "problems.h"

namespace figscope {

// One problem is one line: control characters that a path or a quoted value may carry
// (a figid "a\nb", a file name with a tab) are written as \n, \r, \t or \xNN.
static void append_one_line(std::string& s, const std::string& text) {
    static const char* kHex = "0123456789abcdef";
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '\n') s += "\\n";
        else if (c == '\r') s += "\\r";
        else if (c == '\t') s += "\\t";
        else if (u < 0x20 || u == 0x7f) { s += "\\x"; s += kHex[u >> 4]; s += kHex[u & 15]; }
        else s += c;
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
