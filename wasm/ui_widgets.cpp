// ui_widgets.cpp - small widgets shared by the panels: chips, links, copy buttons, empty states,
// vertical text, the viridis colormap, and the figure links (PMC page, DOI).
//
// Index of this file
//   [SECTION] Palette
//   [SECTION] Chips            rounded gene labels, wrapping flow layout
//   [SECTION] Text             links, copy buttons, muted text, headings, empty states
//   [SECTION] Vertical text    glyph quads rotated 90 degrees (heatmap column labels)
//   [SECTION] Colormap         viridis
//   [SECTION] Links            PMC figure page and DOI URLs
#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cctype>
#include <cmath>
#include <cstring>

#include "fonts.h"
#include "imgui.h"
#include "imgui_internal.h"   // ImTextCharFromUtf8
#include "platform.h"
#include "ui_internal.h"

namespace figscope::app::ui {

//-----------------------------------------------------------------------------
// [SECTION] Palette
//-----------------------------------------------------------------------------
// Light theme; contrast of text colours against the window background is >= 4.5:1.

const ImU32 kAccent = IM_COL32(37, 99, 235, 255);
const ImVec4 kAccentV = ImVec4(37 / 255.f, 99 / 255.f, 235 / 255.f, 1.0f);
const ImU32 kMuted = IM_COL32(88, 96, 110, 255);
const ImVec4 kMutedV = ImVec4(88 / 255.f, 96 / 255.f, 110 / 255.f, 1.0f);
const ImVec4 kWarnV = ImVec4(170 / 255.f, 84 / 255.f, 0 / 255.f, 1.0f);
const ImVec4 kErrorV = ImVec4(185 / 255.f, 28 / 255.f, 28 / 255.f, 1.0f);
static const ImVec4 kLinkV = ImVec4(29 / 255.f, 78 / 255.f, 216 / 255.f, 1.0f);

//-----------------------------------------------------------------------------
// [SECTION] Chips
//-----------------------------------------------------------------------------

struct ChipColors { ImU32 bg, bg_hover, text; };

static ChipColors chip_colors(ChipKind kind) {
    switch (kind) {
        case ChipKind::Gene: return {IM_COL32(224, 233, 250, 255), IM_COL32(203, 219, 248, 255), IM_COL32(23, 50, 120, 255)};
        case ChipKind::GeneInFilter: return {IM_COL32(37, 99, 235, 255), IM_COL32(29, 78, 216, 255), IM_COL32(255, 255, 255, 255)};
        case ChipKind::NotGene: return {IM_COL32(252, 226, 226, 255), IM_COL32(248, 204, 204, 255), IM_COL32(140, 20, 20, 255)};
        case ChipKind::Unknown: return {IM_COL32(254, 240, 199, 255), IM_COL32(252, 228, 160, 255), IM_COL32(120, 60, 0, 255)};
        case ChipKind::Plain: break;
    }
    return {IM_COL32(234, 236, 240, 255), IM_COL32(218, 222, 228, 255), IM_COL32(30, 35, 48, 255)};
}

static ImVec2 chip_padding() { return ImVec2(em() * 0.55f, em() * 0.12f); }

float chip_width(const char* label, bool closable) {
    float w = ImGui::CalcTextSize(label, nullptr, true).x + chip_padding().x * 2;
    if (closable) w += ImGui::CalcTextSize("  \u00D7").x;
    return w;
}

bool chip(const char* label, ChipKind kind, bool closable, const char* id) {
    const ChipColors c = chip_colors(kind);
    const ImVec2 pad = chip_padding();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, pad);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, em());
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_Button, c.bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, c.bg_hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, c.bg_hover);
    ImGui::PushStyleColor(ImGuiCol_Text, c.text);
    ImGui::PushID(id ? id : label);
    char buf[256];
    std::snprintf(buf, sizeof buf, closable ? "%s  \u00D7##chip" : "%s##chip", label);
    const bool clicked = ImGui::Button(buf);
    ImGui::PopID();
    ImGui::PopStyleColor(4);
    ImGui::PopStyleVar(3);
    return clicked;
}

void flow_next(float w, bool first) {
    if (first) return;
    const float last_x2 = ImGui::GetItemRectMax().x;
    const float max_x = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (last_x2 + ImGui::GetStyle().ItemSpacing.x * 0.6f + w <= max_x)
        ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 0.6f);
}

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------

void link(const char* label, const std::string& url) {
    if (url.empty()) {
        ImGui::TextDisabled("%s", label);
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kLinkV);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y - 1), ImVec2(b.x, b.y - 1),
                                            ImGui::ColorConvertFloat4ToU32(kLinkV), std::max(1.0f, em() * 0.07f));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", url.c_str());
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) platform::open_url(url.c_str());
}

void copy_button(const char* id, const std::string& text, const char* label) {
    ImGui::PushID(id);
    const ImGuiID key = ImGui::GetID("copied_at");
    ImGuiStorage* st = ImGui::GetStateStorage();
    const float at = st->GetFloat(key, -100.0f);
    const bool recent = ImGui::GetTime() - at < 1.2;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s###copy", recent ? "Copied \u2713" : label);
    if (ImGui::SmallButton(buf)) {
        ImGui::SetClipboardText(text.c_str());
        st->SetFloat(key, float(ImGui::GetTime()));
    }
    ImGui::PopID();
}

void text_muted(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedV);
    ImGui::TextWrappedV(fmt, args);
    ImGui::PopStyleColor();
    va_end(args);
}

void heading(const char* text) {
    ImFont* f = fonts::heading();
    if (f) ImGui::PushFont(f);
    ImGui::TextUnformatted(text);
    if (f) ImGui::PopFont();
}

void field_label(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedV);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    ImGui::SameLine(em() * 7.5f);
}

void help_marker(const char* text) {
    ImGui::TextDisabled("(?)");
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(em() * 24);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void empty_state(const char* title, const char* hint) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float wrap = std::max(em() * 8, std::min(avail.x - em(), em() * 22));
    const float title_h = ImGui::CalcTextSize(title, nullptr, false, wrap).y;
    const float hint_h = hint ? ImGui::CalcTextSize(hint, nullptr, false, wrap).y : 0.0f;
    const float total = title_h + hint_h + ImGui::GetStyle().ItemSpacing.y;
    const float x0 = ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - wrap) * 0.5f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(em() * 0.5f, (avail.y - total) * 0.4f));
    ImGui::SetCursorPosX(x0);
    ImGui::PushTextWrapPos(x0 + wrap);
    ImGui::TextUnformatted(title);
    if (hint) {
        ImGui::SetCursorPosX(x0);
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedV);
        ImGui::TextUnformatted(hint);
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
}

bool contains_ci(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           }) != hay.end();
}

std::string thousands(size_t n) {
    std::string digits = std::to_string(n), out;
    const int len = int(digits.size());
    for (int i = 0; i < len; ++i) {
        out += digits[size_t(i)];
        const int left = len - 1 - i;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Vertical text
//-----------------------------------------------------------------------------
// AddText() culls glyphs against the clip rect in *unrotated* space, so rotating its vertices
// afterwards loses glyphs; emitting the rotated glyph quads ourselves keeps the GPU clip rect
// (scissor) as the only clipping, which is what the frozen label band needs.

void add_text_vertical(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* text,
                       const char* text_end) {
    if (!dl || !font || !text) return;
    if (!text_end) text_end = text + std::strlen(text);
    const float scale = size / font->FontSize;
    float pen = 0.0f;
    const char* s = text;
    while (s < text_end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, s, text_end);
        if (n <= 0) break;
        s += n;
        if (c < 0x20) continue;
        const ImFontGlyph* g = font->FindGlyph(ImWchar(c));
        if (!g) continue;
        if (g->Visible) {
            const float x0 = pen + g->X0 * scale, x1 = pen + g->X1 * scale;
            const float y0 = g->Y0 * scale, y1 = g->Y1 * scale;
            // Unrotated (u, v) -> screen (pos.x + v, pos.y - u): 90 degrees counter-clockwise.
            auto map = [&](float u, float v) { return ImVec2(pos.x + v, pos.y - u); };
            dl->PrimReserve(6, 4);
            dl->PrimQuadUV(map(x0, y0), map(x1, y0), map(x1, y1), map(x0, y1), ImVec2(g->U0, g->V0),
                           ImVec2(g->U1, g->V0), ImVec2(g->U1, g->V1), ImVec2(g->U0, g->V1), col);
        }
        pen += g->AdvanceX * scale;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Colormap
//-----------------------------------------------------------------------------
// Viridis (perceptually uniform, readable in greyscale and by most colour-blind readers),
// sampled at 11 points from matplotlib's table; linear interpolation between them is within
// a couple of RGB units of the full 256-entry table.

static const unsigned char kViridis[11][3] = {
    {68, 1, 84},    {72, 36, 117},  {65, 68, 135},  {53, 95, 141},   {42, 120, 142}, {33, 145, 140},
    {34, 168, 132}, {68, 191, 112}, {122, 209, 81}, {189, 223, 38}, {253, 231, 37},
};

ImVec4 viridis4(float t) {
    if (!(t >= 0.0f)) t = 0.0f;   // also catches NaN
    if (t > 1.0f) t = 1.0f;
    const float x = t * 10.0f;
    const int i = std::min(9, int(x));
    const float f = x - float(i);
    auto ch = [&](int k) { return (kViridis[i][k] + (kViridis[i + 1][k] - kViridis[i][k]) * f) / 255.0f; };
    return ImVec4(ch(0), ch(1), ch(2), 1.0f);
}

ImU32 viridis(float t) { return ImGui::ColorConvertFloat4ToU32(viridis4(t)); }

//-----------------------------------------------------------------------------
// [SECTION] Links
//-----------------------------------------------------------------------------

static bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

static std::string trim_copy(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

// The PMC page of the figure: https://www.ncbi.nlm.nih.gov + figlink (/pmc/articles/PMC.../figure/F1/).
// Some records lack the leading slash; a figlink that is already a URL is used as is; with no
// usable figlink, the article page from the pmcid.
std::string figure_url(const FigureRecord& r) {
    std::string link = trim_copy(r.figlink);
    if (starts_with(link, "https://") || starts_with(link, "http://")) return link;
    if (!link.empty() && link[0] != '/') link.insert(link.begin(), '/');
    if (starts_with(link, "/pmc/") || starts_with(link, "/pmc")) return "https://www.ncbi.nlm.nih.gov" + link;
    const std::string pmcid = trim_copy(r.pmcid);
    if (starts_with(pmcid, "PMC")) return "https://www.ncbi.nlm.nih.gov/pmc/articles/" + pmcid + "/";
    return {};
}

// https://doi.org/<doi>, percent-encoding what a URL path cannot hold (DOIs may contain #, <, ...).
std::string doi_url(const std::string& doi_in) {
    std::string doi = trim_copy(doi_in);
    for (const char* p : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"})
        if (starts_with(doi, p)) { doi = doi.substr(std::strlen(p)); break; }
    doi = trim_copy(doi);
    if (doi.empty()) return {};
    std::string out = "https://doi.org/";
    static const char* kHex = "0123456789ABCDEF";
    for (unsigned char c : doi) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        std::strchr("-._~/:;()+,=@!$&'*", c) != nullptr;
        if (ok && c != 0) out += char(c);
        else { out += '%'; out += kHex[c >> 4]; out += kHex[c & 15]; }
    }
    return out;
}

}  // namespace figscope::app::ui
