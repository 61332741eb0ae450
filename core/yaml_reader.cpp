// yaml_reader.cpp - the reader behind yaml_reader.h: one pass over the text, no YAML library.
//
// The reference is PyYAML's CSafeLoader: libyaml 0.2.5 scans and parses, PyYAML's SafeLoader
// resolves and constructs. Everything this file accepts must load to the same value there;
// tests/yaml_differential.py checks that on real records and on thousands of generated and
// mutated documents. Where the rules get subtle, or where libyaml and PyYAML's pure-Python
// scanner disagree (tabs used as separators, '?' and ':' inside flow scalars, "|#comment"),
// we reject: an Error is always acceptable, a different value never is.
//
// Sections
//   1. Character tables and small helpers
//   2. Input check: UTF-8 and the characters YAML forbids (one pass before parsing)
//   3. Reader: cursor, lines, errors, skipping blanks and comments
//   4. Plain scalars
//   5. Quoted scalars ('single' and "double")
//   6. Block scalars (| and >)
//   7. Checks on plain values and keys (what SafeLoader could not construct)
//   8. Flow collections of scalars
//   9. Block structure: slots, nodes, mappings, sequences, the document
//  10. Implicit types (PyYAML SafeLoader resolvers) and their values
//  11. Public API
#include "yaml_reader.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace figscope::yaml {
namespace {

// ---------------------------------------------------------------------------------------
// 1. Character tables and small helpers
// ---------------------------------------------------------------------------------------

// Each table marks the bytes that stop a fast "copy ordinary characters" loop.
using Table = std::array<bool, 256>;
constexpr Table make_table(std::string_view stops) {
    Table t{};
    for (char c : stops) t[static_cast<unsigned char>(c)] = true;
    return t;
}
// '#' only matters after a space, which the plain scanner checks by looking back.
constexpr Table kPlainBlockStop = make_table(std::string_view(":#\t\n\r", 5));
constexpr Table kPlainFlowStop = make_table(std::string_view(":#\t\n\r,[]{}?", 11));
constexpr Table kSingleStop = make_table(std::string_view("'\n\r", 3));
constexpr Table kDoubleStop = make_table(std::string_view("\"\\\n\r", 4));

// Bytes that are 0, as 0x80 in their lane; exact for any byte values (no carries between lanes).
constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull, kLows = ~kHighs;
inline uint64_t zero_bytes(uint64_t x) { return ~(((x & kLows) + kLows) | x) & kHighs; }

// Skips, 8 bytes at a time, what cannot end a line segment of a block plain scalar
// (':', '#', tab, CR, LF); the caller's table loop finishes the job.
inline const char* skip_plain_block_bytes(const char* q, const char* end) {
    while (end - q >= 8) {
        uint64_t w;
        std::memcpy(&w, q, 8);
        const uint64_t hit = zero_bytes(w ^ (kOnes * ':')) | zero_bytes(w ^ (kOnes * '#')) |
                             zero_bytes(w ^ (kOnes * '\t')) | zero_bytes(w ^ (kOnes * '\n')) |
                             zero_bytes(w ^ (kOnes * '\r'));
        if (hit) break;
        q += 8;
    }
    return q;
}

inline bool is_break(char c) { return c == '\n' || c == '\r'; }  // a '\r' is always "\r\n" (checked up front)
inline bool is_blank(char c) { return c == ' ' || c == '\t'; }
// YAML's "blankz": blank, line break or end of input. An indicator ('-', ':', '?') only acts
// as one when followed by blankz.
inline bool blankz_at(const char* q, const char* end) { return q >= end || is_blank(*q) || is_break(*q); }
inline bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& s, uint32_t cp) {
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Number of characters (code points) in valid UTF-8: count the non-continuation bytes.
size_t count_chars(const char* b, const char* e) {
    size_t n = 0;
    for (; b < e; ++b) n += (static_cast<unsigned char>(*b) & 0xC0) != 0x80;
    return n;
}

std::string quote_for_message(std::string_view s) {
    std::string out = "'";
    size_t n = s.size() <= 40 ? s.size() : 40;
    while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // whole characters only
    out.append(s.substr(0, n));
    if (n < s.size()) out += "...";
    out += "'";
    return out;
}

const char* type_name(ScalarType t) {
    switch (t) {
        case ScalarType::Null: return "null";
        case ScalarType::Bool: return "a bool";
        case ScalarType::Int: return "an int";
        case ScalarType::Float: return "a float";
        case ScalarType::Timestamp: return "a timestamp";
        case ScalarType::String: return "a string";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------
// 2. Input check
// ---------------------------------------------------------------------------------------
// libyaml's reader refuses control characters and invalid UTF-8 before scanning; so do we, in
// one pass with an 8-bytes-at-a-time path for printable ASCII. Beyond libyaml we also refuse
// line breaks other than "\n" and "\r\n" (NEL, U+2028, U+2029, a lone CR): libyaml folds them
// in ways no front matter needs. A BOM is accepted at the very start, and mid-line (where both
// PyYAML scanners keep it as text), but not at the start of a later line (libyaml skips it there).

struct InputProblem {
    size_t offset = 0;
    const char* message = nullptr;
};

bool check_input(std::string_view text, InputProblem& bad) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    auto fail = [&](size_t at, const char* msg) {
        bad.offset = at;
        bad.message = msg;
        return false;
    };
    size_t slow_until = 0;  // after a failed 8-byte test, take those bytes one by one
    while (i < n) {
        // Fast path: 8 bytes of printable ASCII (0x20..0x7E) or '\n'. The per-byte tests are
        // exact (no carries between bytes) because they only run on bytes below 0x80.
        if (i >= slow_until && i + 8 <= n) {
            uint64_t w;
            std::memcpy(&w, s + i, 8);
            if ((w & kHighs) == 0) {
                const uint64_t below_space = ~(w + kOnes * 0x60) & kHighs;
                const uint64_t newline = zero_bytes(w ^ (kOnes * '\n'));
                const uint64_t del = zero_bytes(w ^ (kOnes * 0x7F));
                if (((below_space & ~newline) | del) == 0) {
                    i += 8;
                    continue;
                }
            }
            slow_until = i + 8;
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
                ++i;
            } else if (c == '\r') {
                if (i + 1 >= n || s[i + 1] != '\n')
                    return fail(i, "a lone carriage return (CR) line break is not supported");
                i += 2;
            } else {
                return fail(i, "control characters are not allowed in YAML");
            }
            continue;
        }
        uint32_t cp;
        size_t len;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return fail(i, "invalid UTF-8");
        }
        if (i + len > n) return fail(i, "invalid UTF-8 (truncated sequence)");
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return fail(i, "invalid UTF-8");
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return fail(i, "invalid UTF-8 (overlong or out of range)");
        if (cp >= 0xD800 && cp <= 0xDFFF) return fail(i, "invalid UTF-8 (surrogate)");
        if (cp == 0x85) return fail(i, "the NEL line break (U+0085) is not supported");
        if (cp < 0xA0) return fail(i, "control characters are not allowed in YAML");
        if (cp == 0x2028 || cp == 0x2029)
            return fail(i, "Unicode line/paragraph separators (U+2028, U+2029) are not supported");
        if (cp == 0xFFFE || cp == 0xFFFF) return fail(i, "non-characters U+FFFE/U+FFFF are not allowed in YAML");
        if (cp == 0xFEFF && i != 0 && s[i - 1] == '\n')
            return fail(i, "a byte order mark at the start of a line is not supported");
        i += len;
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// 3. Reader
// ---------------------------------------------------------------------------------------
// Columns are byte offsets from the line start. They only ever matter after indentation
// spaces or ASCII indicators, where bytes and characters coincide.

constexpr int kMaxDepth = 200;  // nesting limit: keeps recursion (and the wasm stack) bounded

struct Reader {
    const char* begin = nullptr;
    const char* end = nullptr;
    const char* p = nullptr;
    const char* line_start = nullptr;
    int line = 0;  // 0-based line of p within the text
    int first_line = 1;
    int depth = 0;
    Error* err = nullptr;

    int column() const { return static_cast<int>(p - line_start); }
    int file_line(int l) const { return first_line + l; }
    bool at_end() const { return p >= end; }

    bool fail_at(int l, std::string msg) {
        err->line = file_line(l);
        err->message = std::move(msg);
        return false;
    }
    bool fail(std::string msg) { return fail_at(line, std::move(msg)); }

    void consume_break() {  // p is at '\n' or "\r\n"
        p += (*p == '\r') ? 2 : 1;
        ++line;
        line_start = p;
    }
    void skip_to_eol() {
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
        p = nl ? static_cast<const char*>(nl) : end;
        if (p > begin && p < end && p[-1] == '\r') --p;  // stop at the "\r\n" pair
    }
    // "---" or "..." at column 0 followed by blankz: a document marker.
    bool at_document_marker() const {
        if (p != line_start || end - p < 3) return false;
        if (!((p[0] == '-' && p[1] == '-' && p[2] == '-') || (p[0] == '.' && p[1] == '.' && p[2] == '.')))
            return false;
        return blankz_at(p + 3, end);
    }
};

struct DepthGuard {
    Reader& r;
    bool ok;
    explicit DepthGuard(Reader& rr) : r(rr), ok(++rr.depth <= kMaxDepth) {}
    ~DepthGuard() { --r.depth; }
};

enum class Next : uint8_t { Content, DocumentMarker, End };

// Skips spaces, comments and line breaks up to the next token. Callers only use it where the
// current line has nothing left but blanks and a comment, so any '#' reached is a comment.
// Tabs are refused here: in indentation YAML forbids them, and as separators libyaml and
// PyYAML's pure scanner disagree about them.
bool skip_to_content(Reader& r, Next& next) {
    for (;;) {
        if (r.at_document_marker()) {  // also when an inner block already stopped in front of it
            next = Next::DocumentMarker;
            return true;
        }
        while (r.p < r.end && *r.p == ' ') ++r.p;
        if (r.p >= r.end) {
            next = Next::End;
            return true;
        }
        const char c = *r.p;
        if (c == '#') {
            r.skip_to_eol();
            continue;
        }
        if (is_break(c)) {
            r.consume_break();
            continue;
        }
        if (c == '\t') return r.fail("tab character used as indentation or separator (use spaces)");
        next = Next::Content;
        return true;
    }
}

// After a complete scalar or flow collection: the rest of the line may only hold blanks and a
// comment ('#' directly after a closing quote or bracket is a comment for both PyYAML scanners).
bool expect_line_end(Reader& r, const char* what) {
    while (r.p < r.end && *r.p == ' ') ++r.p;
    if (r.p >= r.end || is_break(*r.p)) return true;
    if (*r.p == '#') {
        r.skip_to_eol();
        return true;
    }
    if (*r.p == '\t') return r.fail(std::string("tab character after ") + what + " (use spaces)");
    if (*r.p == ':' && blankz_at(r.p + 1, r.end))
        return r.fail(std::string("complex mapping keys (") + what + " as a key) are not supported");
    return r.fail(std::string("unexpected text after ") + what);
}

// ---------------------------------------------------------------------------------------
// 4. Plain scalars
// ---------------------------------------------------------------------------------------
// Mirrors libyaml's yaml_parser_scan_plain_scalar: each line's text with its inner blanks, its
// leading and trailing blanks dropped; a line break folds to ' ', n blank lines to n '\n'. It
// ends at ": " (':' + blank/break/end), at " #", at a document marker, or at a continuation
// line indented no deeper than `indent` (libyaml's parser->indent: -1 at the top, else the
// column of the enclosing block collection). Tabs are refused: libyaml keeps them inside plain
// scalars, PyYAML's pure scanner fails on them, and no YAML writer emits them unquoted.

enum class PlainStop : uint8_t { End, Colon, Comment, Flow };

struct PlainResult {
    PlainStop stop = PlainStop::End;
    bool multi_line = false;
};

// First character of a plain scalar (libyaml's rule; flow: '?'/':' never start one).
bool can_start_plain(const Reader& r, bool flow) {
    const char c = *r.p;
    switch (c) {
        case '-':
            return !blankz_at(r.p + 1, r.end) && !(flow && is_flow_indicator(r.p[1]));
        case '?':
        case ':':
            return !flow && !blankz_at(r.p + 1, r.end);
        case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
            return false;
        default:
            return !is_blank(c) && !is_break(c);
    }
}

bool scan_plain(Reader& r, int indent, bool flow, std::string& out, PlainResult& res) {
    // Per line: find the end of the content with one pass over a table of the few bytes that
    // matter (':', '#', tab, line breaks, flow indicators), then append the segment at once.
    const Table& stop = flow ? kPlainFlowStop : kPlainBlockStop;
    out.clear();
    res = PlainResult{};
    int pending_breaks = -1;  // separator owed before the next segment: -1 none, 0 ' ', n n*'\n'
    for (;;) {
        const char* q = r.p;
        bool line_end = false;
        for (;; ++q) {
            if (!flow) q = skip_plain_block_bytes(q, r.end);
            while (q < r.end && !stop[static_cast<unsigned char>(*q)]) ++q;
            if (q >= r.end) {
                line_end = true;
                break;
            }
            const char c = *q;
            if (c == '\n' || c == '\r') {
                line_end = true;
                break;
            }
            if (c == ':') {
                if (blankz_at(q + 1, r.end)) {
                    res.stop = PlainStop::Colon;
                    break;
                }
                // In flow context ':' rules differ between libyaml versions and PyYAML's scanner.
                if (flow) return r.fail("':' inside a flow collection scalar is not supported (quote it)");
            } else if (c == '#') {
                if (q[-1] == ' ') {  // q > r.p: a plain scalar never starts with '#'
                    res.stop = PlainStop::Comment;
                    break;
                }
            } else if (c == '\t') {
                // libyaml keeps tabs inside plain scalars, PyYAML's pure scanner refuses them.
                return r.fail("tab character in a plain scalar (quote the value)");
            } else if (c == '?') {  // flow only
                return r.fail("'?' inside a flow collection scalar is not supported (quote it)");
            } else {  // , [ ] { } (flow context only)
                res.stop = PlainStop::Flow;
                break;
            }
        }
        const char* content_end = q;
        while (content_end > r.p && content_end[-1] == ' ') --content_end;  // trailing blanks go
        if (content_end > r.p) {
            if (pending_breaks == 0) {
                out += ' ';
            } else if (pending_breaks > 0) {
                out.append(static_cast<size_t>(pending_breaks), '\n');
            }
            pending_breaks = -1;
            out.append(r.p, content_end);
        }
        r.p = q;
        if (!line_end || q >= r.end) return true;  // stopped at ':', '#', an indicator, or the end
        // A line break: look for a continuation line.
        r.consume_break();
        int breaks = 0;
        for (;;) {
            while (r.p < r.end && *r.p == ' ') ++r.p;
            if (r.p >= r.end) return true;
            if (*r.p == '\t') return r.fail("tab character used as indentation (use spaces)");
            if (!is_break(*r.p)) break;
            r.consume_break();
            ++breaks;
        }
        // libyaml stops at a document marker, at a line indented no deeper than `indent`
        // (in flow context too, where YAML itself would not care: we are stricter), and at a comment.
        if (r.at_document_marker() || r.column() < indent + 1) return true;
        if (*r.p == '#') {
            res.stop = PlainStop::Comment;
            return true;
        }
        res.multi_line = true;
        pending_breaks = breaks;
    }
}

// ---------------------------------------------------------------------------------------
// 5. Quoted scalars
// ---------------------------------------------------------------------------------------
// Mirrors libyaml's yaml_parser_scan_flow_scalar. Continuation lines may sit at any column
// (libyaml checks no indentation inside quotes), but not start with a document marker. Blanks
// around a line break are dropped and the break folds like in plain scalars; in double quotes
// a '\' before the break removes it.

bool scan_escape(Reader& r, std::string& out) {
    // r.p is at the character after the backslash.
    const char e = *r.p;
    int digits = 0;
    switch (e) {
        case '0': out += '\0'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 't': case '\t': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'v': out += '\v'; break;
        case 'f': out += '\f'; break;
        case 'r': out += '\r'; break;
        case 'e': out += '\x1B'; break;
        case ' ': out += ' '; break;
        case '"': out += '"'; break;
        case '/': out += '/'; break;
        case '\\': out += '\\'; break;
        case 'N': append_utf8(out, 0x85); break;
        case '_': append_utf8(out, 0xA0); break;
        case 'L': append_utf8(out, 0x2028); break;
        case 'P': append_utf8(out, 0x2029); break;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default: {
            std::string msg = "unknown escape sequence '\\";
            if (static_cast<unsigned char>(e) >= 0x20 && static_cast<unsigned char>(e) < 0x7F) msg += e;
            return r.fail(msg + "' in a double-quoted scalar");
        }
    }
    ++r.p;
    if (digits == 0) return true;
    uint32_t cp = 0;
    for (int k = 0; k < digits; ++k) {
        const int h = r.p + k < r.end ? hex_value(r.p[k]) : -1;
        if (h < 0) return r.fail("escape '\\" + std::string(1, e) + "' needs " + std::to_string(digits) + " hexadecimal digits");
        cp = cp * 16 + static_cast<uint32_t>(h);
    }
    // libyaml refuses surrogates (PyYAML's pure scanner would build a lone surrogate).
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return r.fail("escape '\\" + std::string(1, e) + "' is not a valid Unicode code point");
    append_utf8(out, cp);
    r.p += digits;
    return true;
}

bool scan_quoted(Reader& r, std::string& out, bool& multi_line) {
    const bool single = *r.p == '\'';
    const Table& stop = single ? kSingleStop : kDoubleStop;
    const int open_line = r.line;
    auto unclosed = [&] {
        return r.fail_at(open_line, std::string("unclosed ") + (single ? "single" : "double") +
                                        "-quoted scalar (reached the end of the input)");
    };
    ++r.p;
    out.clear();
    multi_line = false;
    for (;;) {
        bool escaped_break = false;
        // Characters up to a quote, a backslash or a line break; blanks right before a line
        // break are dropped (only raw ones: they all sit in the last run before the break).
        for (;;) {
            const char* q = r.p;
            while (q < r.end && !stop[static_cast<unsigned char>(*q)]) ++q;
            if (q >= r.end) return unclosed();
            const char* keep = q;
            if (is_break(*q))
                while (keep > r.p && is_blank(keep[-1])) --keep;
            out.append(r.p, keep);
            r.p = q;
            const char c = *r.p;
            if (single && c == '\'') {
                if (r.p + 1 < r.end && r.p[1] == '\'') {
                    out += '\'';
                    r.p += 2;
                    continue;
                }
                ++r.p;
                return true;
            }
            if (!single && c == '"') {
                ++r.p;
                return true;
            }
            if (!single && c == '\\') {
                ++r.p;
                if (r.p >= r.end) return unclosed();
                if (is_break(*r.p)) {
                    r.consume_break();
                    escaped_break = true;
                    break;
                }
                if (!scan_escape(r, out)) return false;
                continue;
            }
            break;  // a line break
        }
        if (!escaped_break) r.consume_break();
        // Following lines: leading blanks dropped, empty lines counted.
        int breaks = 0;
        for (;;) {
            if (r.at_document_marker()) return r.fail("document marker ('---' or '...') inside a quoted scalar");
            while (r.p < r.end && is_blank(*r.p)) ++r.p;
            if (r.p >= r.end) return unclosed();
            if (!is_break(*r.p)) break;
            r.consume_break();
            ++breaks;
        }
        if (escaped_break) {
            out.append(static_cast<size_t>(breaks), '\n');
        } else if (breaks == 0) {
            out += ' ';
        } else {
            out.append(static_cast<size_t>(breaks), '\n');
        }
        multi_line = true;
    }
}

// ---------------------------------------------------------------------------------------
// 6. Block scalars
// ---------------------------------------------------------------------------------------
// Mirrors libyaml's yaml_parser_scan_block_scalar and ..._breaks, including its choice of the
// content indentation: the deepest leading empty line or the first content line, but at least
// `indent` + 1 and at least 1; an indentation indicator n means `indent` + n.

// Eats indentation and empty lines; fixes `ind` if it is still 0 (auto-detect).
bool block_scalar_breaks(Reader& r, int& ind, int indent, int& breaks) {
    int max_indent = 0;
    for (;;) {
        while ((ind == 0 || r.column() < ind) && r.p < r.end && *r.p == ' ') ++r.p;
        if (r.column() > max_indent) max_indent = r.column();
        if (r.p >= r.end) break;
        if ((ind == 0 || r.column() < ind) && *r.p == '\t')
            return r.fail("tab character where block scalar indentation is expected (use spaces)");
        if (!is_break(*r.p)) break;
        r.consume_break();
        ++breaks;
    }
    if (ind == 0) {
        ind = max_indent;
        if (ind < indent + 1) ind = indent + 1;
        if (ind < 1) ind = 1;
    }
    return true;
}

bool scan_block_scalar(Reader& r, int indent, std::string& out) {
    const bool literal = *r.p == '|';
    ++r.p;
    int chomp = 0;  // -1 strip, 0 clip, +1 keep
    int increment = 0;
    auto read_chomp = [&] {
        if (r.p < r.end && (*r.p == '+' || *r.p == '-')) {
            chomp = *r.p == '+' ? 1 : -1;
            ++r.p;
            return true;
        }
        return false;
    };
    auto read_increment = [&] {
        if (r.p < r.end && is_digit(*r.p)) {
            if (*r.p == '0') return r.fail("block scalar indentation indicator must be 1-9, not 0");
            increment = *r.p - '0';
            ++r.p;
        }
        return true;
    };
    if (read_chomp()) {
        if (!read_increment()) return false;
    } else {
        if (!read_increment()) return false;
        read_chomp();
    }
    const char* after_indicators = r.p;
    while (r.p < r.end && *r.p == ' ') ++r.p;
    if (r.p < r.end && *r.p == '\t') return r.fail("tab character in a block scalar header (use spaces)");
    if (r.p < r.end && *r.p == '#') {
        // libyaml takes "|#x" as a comment, PyYAML's pure scanner refuses it: so do we.
        if (r.p == after_indicators) return r.fail("a comment after a block scalar indicator needs a space before '#'");
        r.skip_to_eol();
    }
    if (r.p < r.end && !is_break(*r.p))
        return r.fail("expected a comment or a line break after the block scalar header");
    if (r.p < r.end) r.consume_break();

    int ind = increment ? (indent >= 0 ? indent + increment : increment) : 0;
    out.clear();
    int trailing = 0;          // empty lines seen since the last content line
    bool leading_break = false;  // the line break that ended the last content line
    bool leading_blank = false;  // the last content line started with a blank
    if (!block_scalar_breaks(r, ind, indent, trailing)) return false;
    while (r.column() == ind && r.p < r.end) {
        const bool trailing_blank = is_blank(*r.p);
        if (!literal && leading_break && !leading_blank && !trailing_blank) {
            if (trailing == 0) out += ' ';  // folding: a single line break becomes a space
        } else if (leading_break) {
            out += '\n';
        }
        leading_break = false;
        out.append(static_cast<size_t>(trailing), '\n');
        trailing = 0;
        leading_blank = trailing_blank;
        const char* line_begin = r.p;
        r.skip_to_eol();
        out.append(line_begin, r.p);
        if (r.p < r.end) {
            r.consume_break();
            leading_break = true;
        }
        if (!block_scalar_breaks(r, ind, indent, trailing)) return false;
    }
    if (chomp != -1 && leading_break) out += '\n';
    if (chomp == 1) out.append(static_cast<size_t>(trailing), '\n');
    return true;
}

// ---------------------------------------------------------------------------------------
// 7. Checks on plain values and keys (the resolvers themselves are in section 10)
// ---------------------------------------------------------------------------------------

bool int_constructible(std::string_view text);
bool timestamp_constructible(std::string_view text);

// A plain value that SafeLoader would refuse to construct must not load here either.
bool check_plain_value(Reader& r, int line, std::string_view v) {
    if (v == "<<") return r.fail_at(line, "'<<' (merge key) is not supported");
    if (v == "=") return r.fail_at(line, "'=' resolves to the YAML 'value' type, which PyYAML's SafeLoader cannot load");
    const ScalarType t = resolve_plain_scalar(v);
    if (t == ScalarType::Int && !int_constructible(v))
        return r.fail_at(line, "integer " + quote_for_message(v) + " has no digits (PyYAML fails on it)");
    if (t == ScalarType::Timestamp && !timestamp_constructible(v))
        return r.fail_at(line, "timestamp " + quote_for_message(v) + " is not a valid date/time (PyYAML fails on it)");
    return true;
}

// Keys are strings in Node; a plain key that PyYAML would turn into null/bool/int/... (or a
// merge) is refused rather than silently stringified. libyaml also requires a simple key to
// end (at its ':') within 1024 characters of its start.
bool check_key(Reader& r, int line, std::string_view key, Style style, const char* key_begin) {
    if (r.p - key_begin > 1024 && count_chars(key_begin, r.p) > 1024)
        return r.fail_at(line, "mapping key longer than 1024 characters (PyYAML does not accept it as a key)");
    if (style != Style::Plain) return true;
    if (key == "<<") return r.fail_at(line, "merge keys ('<<') are not supported");
    if (key == "=") return r.fail_at(line, "'=' as a key resolves to the YAML 'value' type, which PyYAML cannot load");
    const ScalarType t = resolve_plain_scalar(key);
    if (t != ScalarType::String)
        return r.fail_at(line, "mapping key " + quote_for_message(key) + " resolves to " + type_name(t) +
                                   "; only string keys are supported (quote it)");
    return true;
}

void make_null(Node& n, int line) {
    n.kind = Kind::Scalar;
    n.style = Style::Plain;
    n.line = line;
    n.value.clear();
}

// ---------------------------------------------------------------------------------------
// 8. Flow collections of scalars
// ---------------------------------------------------------------------------------------
// [a, 'b', "c"] and {k: v, 'k2': "v2"}, possibly over several lines (each indented deeper than
// the enclosing block, which YAML does not require but PyYAML's emitter always does). Not
// supported: nested collections, entries without ':' in mappings, single-pair mappings inside
// sequences ([a: b]), JSON-style "k":v, '?' keys.

// Blanks, comments and line breaks inside a flow collection.
bool flow_skip(Reader& r, int indent, int open_line) {
    for (;;) {
        while (r.p < r.end && *r.p == ' ') ++r.p;
        if (r.p >= r.end) return r.fail_at(open_line, "unclosed flow collection (reached the end of the input)");
        const char c = *r.p;
        if (c == '\t') return r.fail("tab character inside a flow collection (use spaces)");
        if (c == '#') {
            r.skip_to_eol();
            continue;
        }
        if (is_break(c)) {
            r.consume_break();
            if (r.at_document_marker()) return r.fail("document marker inside a flow collection");
            while (r.p < r.end && *r.p == ' ') ++r.p;
            if (r.p < r.end && !is_break(*r.p) && *r.p != '#' && r.column() <= indent)
                return r.fail("flow collection line must be indented more than its parent");
            continue;
        }
        return true;
    }
}

// One scalar entry (key or value). Leaves r.p after it, on the same line.
bool flow_scalar(Reader& r, int indent, Node& out, bool& multi_line) {
    out.kind = Kind::Scalar;
    out.line = r.file_line(r.line);
    const char c = *r.p;
    multi_line = false;
    if (c == '\'' || c == '"') {
        out.style = c == '\'' ? Style::SingleQuoted : Style::DoubleQuoted;
        return scan_quoted(r, out.value, multi_line);
    }
    if (c == '[' || c == '{') return r.fail("nested flow collections are not supported");
    if (!can_start_plain(r, true)) {
        if (c == '&') return r.fail("anchors (&) are not supported");
        if (c == '*') return r.fail("aliases (*) are not supported");
        if (c == '!') return r.fail("tags (!) are not supported");
        if (c == '?' || c == ':') return r.fail("'?' / ':' entries in flow collections are not supported");
        return r.fail(std::string("unexpected character '") + c + "' in a flow collection");
    }
    out.style = Style::Plain;
    PlainResult res;
    const int line = r.line;
    if (!scan_plain(r, indent, true, out.value, res)) return false;
    multi_line = res.multi_line;
    if (res.stop == PlainStop::End && r.p < r.end)
        return r.fail("flow collection line must be indented more than its parent");
    return check_plain_value(r, line, out.value);
}

bool parse_flow(Reader& r, int indent, Node& out) {
    const bool seq = *r.p == '[';
    const char close = seq ? ']' : '}';
    const int open_line = r.line;
    out.kind = seq ? Kind::Sequence : Kind::Mapping;
    out.style = Style::Plain;
    out.line = r.file_line(r.line);
    ++r.p;
    for (;;) {
        if (!flow_skip(r, indent, open_line)) return false;
        if (*r.p == close) {
            ++r.p;
            return true;
        }
        if (*r.p == ',') return r.fail("empty entry in a flow collection");
        if (*r.p == ']' || *r.p == '}') return r.fail(std::string("unexpected '") + *r.p + "' in a flow collection");
        bool multi = false;
        if (seq) {
            Node& item = out.items.emplace_back();
            if (!flow_scalar(r, indent, item, multi)) return false;
        } else {
            Node key;
            const char* key_begin = r.p;
            const int key_line = r.line;
            if (!flow_scalar(r, indent, key, multi)) return false;
            if (multi) return r.fail_at(key_line, "a mapping key must fit on one line");
            while (r.p < r.end && *r.p == ' ') ++r.p;
            if (r.p >= r.end || *r.p != ':')
                return r.fail("expected ':' after a flow mapping key (keys without values are not supported)");
            if (!blankz_at(r.p + 1, r.end)) return r.fail("':' in a flow mapping must be followed by a space");
            if (!check_key(r, key_line, key.value, key.style, key_begin)) return false;
            ++r.p;
            auto& entry = out.entries.emplace_back(std::move(key.value), Node{});
            if (!flow_skip(r, indent, open_line)) return false;
            if (*r.p == ',' || *r.p == close) {
                make_null(entry.second, r.file_line(key_line));
            } else if (!flow_scalar(r, indent, entry.second, multi)) {
                return false;
            }
        }
        if (!flow_skip(r, indent, open_line)) return false;
        if (*r.p == ',') {
            ++r.p;
            continue;
        }
        if (*r.p == close) {
            ++r.p;
            return true;
        }
        if (*r.p == ':') return r.fail("single-pair mappings inside flow collections are not supported");
        return r.fail(std::string("expected ',' or '") + close + "' in a flow collection");
    }
}

// ---------------------------------------------------------------------------------------
// 9. Block structure
// ---------------------------------------------------------------------------------------
// Recursive descent over lines, equivalent to libyaml's indentation stack for the accepted
// subset. `indent` is always libyaml's parser->indent: the column of the innermost block
// collection (-1 at the top). A "slot" is where a node may follow: after "key:", after "-",
// or at the document start.

enum class Slot : uint8_t { Root, MapValue, SeqItem };
enum class Where : uint8_t { AfterKey, AfterDash, LineStart };

bool parse_node(Reader& r, Node& out, int indent, Where where);
bool parse_mapping(Reader& r, Node& out, int col, std::string first_key, int key_line);
bool parse_sequence(Reader& r, Node& out, int col, bool indentless);

inline bool at_entry(const Reader& r) { return *r.p == '-' && blankz_at(r.p + 1, r.end); }

bool parse_slot(Reader& r, Node& out, int indent, Slot slot, int indicator_line) {
    if (slot != Slot::Root) {
        // Same line as the indicator?
        while (r.p < r.end && *r.p == ' ') ++r.p;
        if (r.p < r.end && *r.p == '\t') return r.fail("tab character after an indicator (use spaces)");
        if (r.p < r.end && *r.p == '#') r.skip_to_eol();
        if (r.p < r.end && !is_break(*r.p))
            return parse_node(r, out, indent, slot == Slot::MapValue ? Where::AfterKey : Where::AfterDash);
    }
    Next next;
    if (!skip_to_content(r, next)) return false;
    if (next != Next::Content) {
        make_null(out, r.file_line(indicator_line));
        return true;
    }
    const int col = r.column();
    if (slot == Slot::Root || col > indent) return parse_node(r, out, indent, Where::LineStart);
    // "key:\n- item": a sequence at the key's own indentation belongs to the key.
    if (slot == Slot::MapValue && col == indent && at_entry(r)) return parse_sequence(r, out, col, true);
    make_null(out, r.file_line(indicator_line));
    return true;
}

// A scalar that may turn out to be a mapping key: plain or quoted. On return, `is_key` tells
// whether ": " follows on the same line (r.p is then at the ':').
bool scan_key_or_scalar(Reader& r, int indent, std::string& value, Style& style, bool& multi, bool& is_key) {
    is_key = false;
    const char c = *r.p;
    if (c == '\'' || c == '"') {
        style = c == '\'' ? Style::SingleQuoted : Style::DoubleQuoted;
        if (!scan_quoted(r, value, multi)) return false;
        const char* after = r.p;
        while (r.p < r.end && *r.p == ' ') ++r.p;
        if (r.p < r.end && *r.p == ':' && blankz_at(r.p + 1, r.end)) {
            is_key = true;
            return true;
        }
        r.p = after;
        return expect_line_end(r, "a quoted scalar");
    }
    if (!can_start_plain(r, false)) {
        switch (c) {
            case '&': return r.fail("anchors (&) are not supported");
            case '*': return r.fail("aliases (*) are not supported");
            case '!': return r.fail("tags (!) are not supported");
            case '%': return r.fail("directives (%) are not supported");
            case '@': case '`': return r.fail(std::string("'") + c + "' is reserved and cannot start a scalar");
            case ',': case ']': case '}': return r.fail(std::string("unexpected '") + c + "'");
            default: return r.fail(std::string("unexpected character '") + c + "'");
        }
    }
    style = Style::Plain;
    PlainResult res;
    if (!scan_plain(r, indent, false, value, res)) return false;
    multi = res.multi_line;
    is_key = res.stop == PlainStop::Colon;
    return true;
}

bool parse_node(Reader& r, Node& out, int indent, Where where) {
    DepthGuard guard(r);
    if (!guard.ok) return r.fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    const int col = r.column();
    const int line = r.line;
    const char c = *r.p;
    if (c == '-' && blankz_at(r.p + 1, r.end)) {
        if (where == Where::AfterKey) return r.fail("a block sequence cannot start on the line of its key");
        return parse_sequence(r, out, col, false);
    }
    if (c == '?' && blankz_at(r.p + 1, r.end)) return r.fail("complex mapping keys ('? ') are not supported");
    if (c == ':' && blankz_at(r.p + 1, r.end)) return r.fail("mapping value without a key");
    if (c == '|' || c == '>') {
        out.kind = Kind::Scalar;
        out.style = c == '|' ? Style::Literal : Style::Folded;
        out.line = r.file_line(line);
        return scan_block_scalar(r, indent, out.value);
    }
    if (c == '[' || c == '{') {
        if (!parse_flow(r, indent, out)) return false;
        return expect_line_end(r, "a flow collection");
    }
    std::string value;
    Style style = Style::Plain;
    bool multi = false, is_key = false;
    const char* key_begin = r.p;
    if (!scan_key_or_scalar(r, indent, value, style, multi, is_key)) return false;
    if (is_key) {
        if (where == Where::AfterKey) return r.fail("mapping values are not allowed here (a second ': ' on one line?)");
        if (multi) return r.fail("a mapping key must fit on one line");
        if (!check_key(r, line, value, style, key_begin)) return false;
        return parse_mapping(r, out, col, std::move(value), line);
    }
    if (style == Style::Plain && !check_plain_value(r, line, value)) return false;
    out.kind = Kind::Scalar;
    out.style = style;
    out.line = r.file_line(line);
    out.value = std::move(value);
    return true;
}

// r.p is at the ':' after the first key (already checked), which sits at column `col`.
bool parse_mapping(Reader& r, Node& out, int col, std::string first_key, int key_line) {
    out.kind = Kind::Mapping;
    out.style = Style::Plain;
    out.line = r.file_line(key_line);
    std::string key = std::move(first_key);
    out.entries.reserve(8);  // records' mappings are small; saves the 1-2-4-8 regrowth
    for (;;) {
        const int colon_line = r.line;
        ++r.p;  // ':'
        auto& entry = out.entries.emplace_back(std::move(key), Node{});
        if (!parse_slot(r, entry.second, col, Slot::MapValue, colon_line)) return false;
        Next next;
        if (!skip_to_content(r, next)) return false;
        if (next != Next::Content) return true;
        const int n = r.column();
        if (n < col) return true;
        if (n > col)
            return r.fail("bad indentation: expected a key at column " + std::to_string(col + 1) + ", found content at column " +
                          std::to_string(n + 1));
        if (at_entry(r)) return r.fail("expected a mapping key, found a sequence entry '-'");
        if (*r.p == '?' && blankz_at(r.p + 1, r.end)) return r.fail("complex mapping keys ('? ') are not supported");
        const int line = r.line;
        const char* key_begin = r.p;
        Style style = Style::Plain;
        bool multi = false, is_key = false;
        key.clear();
        if (!scan_key_or_scalar(r, col, key, style, multi, is_key)) return false;
        if (!is_key || multi) return r.fail_at(line, "could not find the ':' of a mapping key on this line");
        if (!check_key(r, line, key, style, key_begin)) return false;
    }
}

// r.p is at a '-' entry at column `col`. An indentless sequence ("key:\n- a") ends at the first
// line at its column that is not an entry; that line belongs to the enclosing mapping.
bool parse_sequence(Reader& r, Node& out, int col, bool indentless) {
    out.kind = Kind::Sequence;
    out.style = Style::Plain;
    out.line = r.file_line(r.line);
    out.items.reserve(4);
    for (;;) {
        const int dash_line = r.line;
        ++r.p;  // '-'
        Node& item = out.items.emplace_back();
        if (!parse_slot(r, item, col, Slot::SeqItem, dash_line)) return false;
        Next next;
        if (!skip_to_content(r, next)) return false;
        if (next != Next::Content) return true;
        const int n = r.column();
        if (n < col) return true;
        if (n > col)
            return r.fail("bad indentation: expected '-' at column " + std::to_string(col + 1) + ", found content at column " +
                          std::to_string(n + 1));
        if (!at_entry(r)) {
            if (indentless) return true;
            return r.fail("expected a sequence entry '- ' at this indentation");
        }
    }
}

bool parse_document(Reader& r, Node& out) {
    if (r.end - r.p >= 3 && std::memcmp(r.p, "\xEF\xBB\xBF", 3) == 0) {
        r.p += 3;
        r.line_start = r.p;  // libyaml does not count the BOM as a column
    }
    auto marker = [&]() -> bool {  // r.p is at a document marker after the document
        for (;;) {
            if (*r.p == '-') return r.fail("'---' (a second document) is not supported; pass only the front matter");
            r.p += 3;  // "...": document end; more "..." lines, blanks and comments may follow
            Next next;
            if (!skip_to_content(r, next)) return false;
            if (next == Next::End) return true;
            if (next == Next::Content) return r.fail("only one YAML document is supported (content after '...')");
        }
    };
    make_null(out, r.file_line(0));
    Next next;
    if (r.p < r.end && *r.p == '%') return r.fail("directives (%) are not supported");
    if (!skip_to_content(r, next)) return false;
    if (next == Next::End) return true;
    if (next == Next::DocumentMarker) {
        // PyYAML: "---" starts an explicit document (not supported here); a "..." before any
        // content is an error ("expected the node content"), surprisingly.
        if (*r.p == '-') return r.fail("'---' (document start) is not supported; pass only the front matter");
        return r.fail("'...' (document end) before any content: PyYAML rejects this");
    }
    if (r.column() == 0 && *r.p == '%') return r.fail("directives (%) are not supported");
    if (!parse_slot(r, out, -1, Slot::Root, r.line)) return false;
    if (!skip_to_content(r, next)) return false;
    if (next == Next::End) return true;
    if (next == Next::DocumentMarker) return marker();
    return r.fail("unexpected content (bad indentation?)");
}

// ---------------------------------------------------------------------------------------
// 10. Implicit types
// ---------------------------------------------------------------------------------------
// Hand-written equivalents of the regular expressions in PyYAML's resolver.py (Resolver, the
// YAML 1.1 set SafeLoader uses). Notable consequences: "1e3" and "1.0e5" are strings (the
// exponent needs '.' and a sign), "-.5" is a string (".5" is a float), "08" is a string,
// "0o7" is a string, "1:30" is the int 90, "Yes"/"oN"... only the three casings count.

struct Cursor {
    std::string_view s;
    size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return i < s.size() ? s[i] : '\0'; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    bool eat_sign() { return eat('-') || eat('+'); }
    size_t eat_while(bool (*pred)(char)) {
        const size_t start = i;
        while (i < s.size() && pred(s[i])) ++i;
        return i - start;
    }
};

bool digit_or_us(char c) { return is_digit(c) || c == '_'; }
bool bin_or_us(char c) { return c == '0' || c == '1' || c == '_'; }
bool oct_or_us(char c) { return (c >= '0' && c <= '7') || c == '_'; }
bool hex_or_us(char c) { return hex_value(c) >= 0 || c == '_'; }
bool digit(char c) { return is_digit(c); }

// (?::[0-5]?[0-9])+ : one or more ':' groups of one digit, or two digits starting with 0-5.
bool sexagesimal_tail(Cursor& c) {
    int groups = 0;
    while (c.peek() == ':') {
        ++c.i;
        const size_t n = c.eat_while(digit);
        if (n == 0 || n > 2) return false;
        if (n == 2 && c.s[c.i - 2] > '5') return false;
        ++groups;
    }
    return groups > 0;
}

// [eE][-+][0-9]+ (optional as a whole)
bool exponent_opt(Cursor& c) {
    if (c.peek() != 'e' && c.peek() != 'E') return true;
    ++c.i;
    if (!c.eat_sign()) return false;
    return c.eat_while(digit) > 0;
}

bool match_float(std::string_view s) {
    {  // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        Cursor c{s};
        c.eat_sign();
        if (is_digit(c.peek())) {
            c.eat_while(digit_or_us);
            if (c.eat('.')) {
                c.eat_while(digit_or_us);
                if (exponent_opt(c) && c.done()) return true;
            }
        }
    }
    {  // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        Cursor c{s};
        if (c.eat('.') && is_digit(c.peek())) {
            c.eat_while(digit_or_us);
            if (exponent_opt(c) && c.done()) return true;
        }
    }
    {  // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        Cursor c{s};
        c.eat_sign();
        if (is_digit(c.peek())) {
            c.eat_while(digit_or_us);
            if (sexagesimal_tail(c) && c.eat('.')) {
                c.eat_while(digit_or_us);
                if (c.done()) return true;
            }
        }
    }
    {  // [-+]?\.(?:inf|Inf|INF)  |  \.(?:nan|NaN|NAN)
        std::string_view t = s;
        if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
        if (t == ".inf" || t == ".Inf" || t == ".INF") return true;
        if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
    }
    return false;
}

bool match_int(std::string_view s) {
    Cursor c{s};
    c.eat_sign();
    const size_t body = c.i;
    // [-+]?0b[0-1_]+
    if (s.substr(body, 2) == "0b") {
        c.i = body + 2;
        return c.eat_while(bin_or_us) > 0 && c.done();
    }
    // [-+]?0x[0-9a-fA-F_]+
    if (s.substr(body, 2) == "0x") {
        c.i = body + 2;
        return c.eat_while(hex_or_us) > 0 && c.done();
    }
    if (c.peek() == '0') {
        // [-+]?0  |  [-+]?0[0-7_]+
        ++c.i;
        if (c.done()) return true;
        return c.eat_while(oct_or_us) > 0 && c.done();
    }
    if (c.peek() >= '1' && c.peek() <= '9') {
        // [-+]?[1-9][0-9_]*  |  [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
        c.eat_while(digit_or_us);
        if (c.done()) return true;
        return sexagesimal_tail(c) && c.done();
    }
    return false;
}

// Fields of a timestamp, as PyYAML's constructor regexp splits them.
struct Timestamp {
    int year = 0, month = 0, day = 0;
    bool has_time = false;
    int hour = 0, minute = 0, second = 0;
    bool has_tz_offset = false;
    int tz_hour = 0, tz_minute = 0;
};

// [0-9]{n} (exactly n) or, with up_to, 1..n digits.
bool timestamp_digits(Cursor& c, int n, bool up_to, int& value) {
    const size_t start = c.i;
    value = 0;
    while (static_cast<int>(c.i - start) < n && is_digit(c.peek())) value = value * 10 + (c.s[c.i++] - '0');
    const int got = static_cast<int>(c.i - start);
    return up_to ? got >= 1 : got == n;
}

// The resolver's regexp: YYYY-MM-DD, or YYYY-M-D followed by a time (T, t or blanks), an
// optional fraction and an optional zone (blanks, then Z or +-H[H][:MM]).
bool match_timestamp(std::string_view s, Timestamp& ts) {
    Cursor c{s};
    if (!timestamp_digits(c, 4, false, ts.year) || !c.eat('-')) return false;
    const size_t month_at = c.i;
    if (!timestamp_digits(c, 2, true, ts.month) || !c.eat('-')) return false;
    const size_t day_at = c.i;
    if (!timestamp_digits(c, 2, true, ts.day)) return false;
    if (c.done()) return c.i - day_at == 2 && day_at - month_at == 3;  // date only: exactly 2+2 digits
    if (c.peek() == 'T' || c.peek() == 't') {
        ++c.i;
    } else if (c.eat_while([](char ch) { return ch == ' ' || ch == '\t'; }) == 0) {
        return false;
    }
    ts.has_time = true;
    if (!timestamp_digits(c, 2, true, ts.hour) || !c.eat(':')) return false;
    if (!timestamp_digits(c, 2, false, ts.minute) || !c.eat(':')) return false;
    if (!timestamp_digits(c, 2, false, ts.second)) return false;
    if (c.eat('.')) c.eat_while(digit);
    c.eat_while([](char ch) { return ch == ' ' || ch == '\t'; });
    if (c.done()) {
        // Blanks before the end without a zone: the regexp's [ \t]* sits inside the optional
        // zone group, so "... 10:00:00 " would not match. Plain scalars never end in blanks.
        return s.back() != ' ' && s.back() != '\t';
    }
    if (c.eat('Z')) return c.done();
    if (!c.eat_sign()) return false;
    ts.has_tz_offset = true;
    if (!timestamp_digits(c, 2, true, ts.tz_hour)) return false;
    if (c.eat(':') && !timestamp_digits(c, 2, false, ts.tz_minute)) return false;
    return c.done();
}

// Python's datetime.date/datetime/timezone would raise for these; PyYAML then fails the load.
bool timestamp_constructible(std::string_view text) {
    Timestamp ts;
    if (!match_timestamp(text, ts)) return false;
    if (ts.year < 1 || ts.month < 1 || ts.month > 12 || ts.day < 1) return false;
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (ts.year % 4 == 0 && ts.year % 100 != 0) || ts.year % 400 == 0;
    const int days = kDays[ts.month - 1] + (ts.month == 2 && leap ? 1 : 0);
    if (ts.day > days) return false;
    if (!ts.has_time) return true;
    if (ts.hour > 23 || ts.minute > 59 || ts.second > 59) return false;
    if (ts.has_tz_offset && ts.tz_hour * 60 + ts.tz_minute >= 24 * 60) return false;  // timezone() needs |offset| < 24h
    return true;
}

// "0b_" / "0x_" match the int regexp but leave int() nothing to parse.
bool int_constructible(std::string_view text) {
    std::string_view t = text;
    if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
    if (t.substr(0, 2) == "0b" || t.substr(0, 2) == "0x") {
        for (char c : t.substr(2))
            if (c != '_') return true;
        return false;
    }
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// 11. Public API
// ---------------------------------------------------------------------------------------

Node::Node() = default;
Node::Node(const Node&) = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(const Node&) = default;
Node& Node::operator=(Node&&) noexcept = default;
Node::~Node() = default;

const Node* Node::find(std::string_view key) const {
    for (size_t i = entries.size(); i-- > 0;)
        if (entries[i].first == key) return &entries[i].second;
    return nullptr;
}

bool Node::is_null() const {
    return kind == Kind::Scalar && style == Style::Plain &&
           (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
}

bool parse_yaml(std::string_view text, Node& out, Error& err, int first_line) {
    out = Node{};
    err = Error{};
    InputProblem bad;
    if (!check_input(text, bad)) {
        int line = first_line;
        for (size_t i = 0; i < bad.offset; ++i) line += text[i] == '\n';
        err.line = line;
        err.message = bad.message;
        return false;
    }
    Reader r;
    r.begin = text.data();
    r.end = text.data() + text.size();
    r.p = r.begin;
    r.line_start = r.begin;
    r.first_line = first_line;
    r.err = &err;
    if (!parse_document(r, out)) {
        out = Node{};
        return false;
    }
    return true;
}

ScalarType resolve_plain_scalar(std::string_view s) {
    // PyYAML picks candidate resolvers by the first character; within them the order is
    // bool, float, int, merge, null, timestamp, value. No text matches two of them.
    if (s.empty()) return ScalarType::Null;
    switch (s[0]) {
        case '~':
            return s.size() == 1 ? ScalarType::Null : ScalarType::String;
        case 'n': case 'N':
            if (s == "null" || s == "Null" || s == "NULL") return ScalarType::Null;
            [[fallthrough]];
        case 'y': case 'Y': case 't': case 'T': case 'f': case 'F': case 'o': case 'O': {
            static constexpr std::string_view kBools[] = {
                "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
                "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
            for (std::string_view b : kBools)
                if (s == b) return ScalarType::Bool;
            return ScalarType::String;
        }
        case '-': case '+': case '.':
            if (match_float(s)) return ScalarType::Float;
            if (s[0] != '.' && match_int(s)) return ScalarType::Int;
            return ScalarType::String;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': {
            if (match_float(s)) return ScalarType::Float;
            if (match_int(s)) return ScalarType::Int;
            Timestamp ts;
            if (match_timestamp(s, ts)) return ScalarType::Timestamp;
            return ScalarType::String;
        }
        default:
            return ScalarType::String;
    }
}

bool plain_bool_value(std::string_view s) {
    return s == "yes" || s == "Yes" || s == "YES" || s == "true" || s == "True" || s == "TRUE" || s == "on" ||
           s == "On" || s == "ON";
}

// SafeConstructor.construct_yaml_int: drop '_', take the sign, then 0 / 0b / 0x / leading-0
// octal / sexagesimal (base 60) / decimal.
bool plain_int_value(std::string_view text, int64_t& out) {
    std::string digits;
    digits.reserve(text.size());
    for (char c : text)
        if (c != '_') digits += c;
    std::string_view v = digits;
    bool negative = false;
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
        negative = v[0] == '-';
        v.remove_prefix(1);
    }
    if (v.empty()) return false;
    uint64_t mag = 0;
    auto accumulate = [&](std::string_view ds, unsigned base) {
        if (ds.empty()) return false;
        uint64_t m = 0;
        for (char c : ds) {
            const int d = hex_value(c);
            if (d < 0 || static_cast<unsigned>(d) >= base) return false;
            if (__builtin_mul_overflow(m, base, &m) || __builtin_add_overflow(m, static_cast<uint64_t>(d), &m))
                return false;
        }
        mag = m;
        return true;
    };
    if (v == "0") {
        mag = 0;
    } else if (v.substr(0, 2) == "0b") {
        if (!accumulate(v.substr(2), 2)) return false;
    } else if (v.substr(0, 2) == "0x") {
        if (!accumulate(v.substr(2), 16)) return false;
    } else if (v[0] == '0') {
        if (!accumulate(v, 8)) return false;
    } else if (v.find(':') != std::string_view::npos) {
        uint64_t total = 0;
        size_t start = 0;
        while (start <= v.size()) {
            size_t colon = v.find(':', start);
            if (colon == std::string_view::npos) colon = v.size();
            if (!accumulate(v.substr(start, colon - start), 10)) return false;
            if (__builtin_mul_overflow(total, uint64_t{60}, &total) || __builtin_add_overflow(total, mag, &total))
                return false;
            start = colon + 1;
        }
        mag = total;
    } else {
        if (!accumulate(v, 10)) return false;
    }
    if (negative) {
        if (mag > uint64_t{1} << 63) return false;
        out = mag == (uint64_t{1} << 63) ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(mag);
    } else {
        if (mag > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
        out = static_cast<int64_t>(mag);
    }
    return true;
}

// SafeConstructor.construct_yaml_float: drop '_', lower-case, sign, .inf/.nan, base-60 parts
// summed right to left exactly as Python does, else float(). strtod is correctly rounded in
// glibc and musl (emscripten) alike; figscope never changes the C locale.
double plain_float_value(std::string_view text) {
    std::string v;
    v.reserve(text.size());
    for (char c : text)
        if (c != '_') v += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    double sign = 1.0;
    size_t i = 0;
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
        sign = v[0] == '-' ? -1.0 : 1.0;
        i = 1;
    }
    std::string_view body = std::string_view(v).substr(i);
    if (body == ".inf") return sign * std::numeric_limits<double>::infinity();
    if (body == ".nan") return std::numeric_limits<double>::quiet_NaN();
    if (body.find(':') != std::string_view::npos) {
        std::vector<double> parts;
        size_t start = 0;
        while (start <= body.size()) {
            size_t colon = body.find(':', start);
            if (colon == std::string_view::npos) colon = body.size();
            parts.push_back(std::strtod(std::string(body.substr(start, colon - start)).c_str(), nullptr));
            start = colon + 1;
        }
        double value = 0.0, base = 1.0;
        for (size_t k = parts.size(); k-- > 0;) {
            value += parts[k] * base;
            base *= 60;
        }
        return sign * value;
    }
    return sign * std::strtod(std::string(body).c_str(), nullptr);
}

}  // namespace figscope::yaml
