// text_util.h - small string helpers shared by the core's readers (internal header).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace figscope::text {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

inline char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 32) : c; }
inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

inline std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_upper(c);
    return out;
}

// Missing-value spellings of PFOCR's R-based writer.
inline bool is_missing(std::string_view s) {
    return s.empty() || s == "NA" || s == ".na.character";
}

// Checks UTF-8. On failure returns false and sets the 1-based line and column of the bad byte.
bool valid_utf8(std::string_view s, int& bad_line, int& bad_col, bool& has_nul);

// Why bytes that failed valid_utf8 are not text, for a problem message: UTF-16 (a UTF-16
// byte order mark), binary data (a NUL byte anywhere: an image, an archive), else invalid
// UTF-8 at column bad_col.
std::string not_text_reason(std::string_view s, int bad_col);

// For quoting a value in a problem message: at most max bytes of s, cut at a UTF-8
// character boundary, with "..." appended when cut (a 10 MB 'year' makes a short message).
std::string excerpt(std::string_view s, size_t max = 60);

// Line number (1-based) of byte offset pos.
int line_of(std::string_view s, size_t pos);

// Does path end with suffix (ASCII case-insensitive)?
bool ends_with_ci(std::string_view s, std::string_view suffix);

// File name part of a path ("a/b/c.md" -> "c.md").
std::string_view base_name(std::string_view path);

// Copy with CRLF / lone CR turned into LF (only called when the text holds a CR).
std::string normalize_newlines(std::string_view s);

}  // namespace figscope::text
