// ui_heatmap.cpp - the co-occurrence heatmap: genes x genes, cell = selected figures that
// mention both (or Jaccard, lift, -log10 hypergeometric p), ordered by frequency, name or
// hierarchical clustering.
//
// Index of this file
//   [SECTION] Cache            heatmap_update: matrix, order, values; only when inputs change
//   [SECTION] Texture          one texel per cell, uploaded when values change
//   [SECTION] Layout           cell size (fit / zoom), label sizes
//   [SECTION] Controls         gene source, N, measure, order, zoom, legend
//   [SECTION] Canvas           cells, frozen row/column labels, hover, click, ctrl+wheel zoom
//   [SECTION] Pairs            the same matrix as a ranked list of gene pairs
//   [SECTION] Panel            draw_heatmap_panel
//
// Call flow: refresh() (app.cpp) -> heatmap_update() recomputes the core matrix when the
// selection generation, gene source, N, filter genes or order changed, and only the values
// when just the measure changed. draw_heatmap_panel() -> controls -> canvas, which uploads
// the texture if the values changed and then draws it as a single image.
//
// Why a texture: 200 x 200 cells as rectangles are 160k vertices, past what 16-bit draw-list
// indices address on WebGL (no glDrawElementsBaseVertex there); a texture is 4 vertices at
// any N and any zoom, and nearest filtering keeps cell edges exact.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>

#include "imgui.h"
#include "imgui_internal.h"   // ImGuiWindow::InnerClipRect for the frozen label bands

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif

#include "ui_internal.h"

namespace figscope::app {

static const ImU32 kZeroCell = IM_COL32(236, 239, 243, 255);   // pair never co-occurs
static const ImU32 kDiagCell = IM_COL32(200, 205, 213, 255);   // a gene with itself

//-----------------------------------------------------------------------------
// [SECTION] Cache
//-----------------------------------------------------------------------------

static int compare_symbols(const std::string& a, const std::string& b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x >= 'a' && x <= 'z') x = static_cast<unsigned char>(x - 32);
        if (y >= 'a' && y <= 'z') y = static_cast<unsigned char>(y - 32);
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? a.compare(b) : (a.size() < b.size() ? -1 : 1);
}

static void compute_values(App& app) {
    HeatmapState& h = app.heatmap;
    const size_t n = h.matrix.n();
    h.values.assign(n * n, 0.0);
    h.vmax = 0.0;
    if (n == 0) return;
    const std::vector<double> v = cooccurrence_values(h.matrix, h.measure);
    if (v.size() != n * n) return;
    for (size_t r = 0; r < n; ++r)
        for (size_t c = 0; c < n; ++c) {
            const double x = v[h.perm[r] * n + h.perm[c]];
            h.values[r * n + c] = x;
            // The diagonal (a gene with itself) would dominate the scale: it is drawn apart.
            if (r != c && std::isfinite(x)) h.vmax = std::max(h.vmax, x);
        }
    if (!(h.vmax > 0.0)) h.vmax = 1.0;
    // Pairs that co-occur at all, strongest first (ties: more shared figures, then position).
    h.pairs.clear();
    for (size_t r = 0; r < n && r < 0xffff; ++r)
        for (size_t c = r + 1; c < n && c < 0xffff; ++c)
            if (h.matrix.at(h.perm[r], h.perm[c]) > 0) h.pairs.emplace_back(uint16_t(r), uint16_t(c));
    auto val = [&](const std::pair<uint16_t, uint16_t>& p) {
        const double x = h.values[size_t(p.first) * n + p.second];
        return std::isfinite(x) ? x : 1e300;
    };
    std::stable_sort(h.pairs.begin(), h.pairs.end(), [&](const auto& a, const auto& b) {
        const double va = val(a), vb = val(b);
        if (va != vb) return va > vb;
        return h.matrix.at(h.perm[a.first], h.perm[a.second]) > h.matrix.at(h.perm[b.first], h.perm[b.second]);
    });
    h.hover_pair = -1;
    h.key_measure = h.measure;
    h.texture_dirty = true;
}

void heatmap_update(App& app) {
    HeatmapState& h = app.heatmap;
    const FigureIndex& ix = app.index;
    std::vector<std::string> terms;
    if (h.source == HeatSource::FilterGenes) terms = app.filter.genes;
    const bool same = h.valid && h.key_generation == app.sel.generation && h.key_source == h.source &&
                      h.key_n == h.top_n && h.key_order == h.order && h.key_terms == terms;
    if (same) {
        if (h.key_measure != h.measure) compute_values(app);
        return;
    }
    h.valid = true;
    ++h.matrix_generation;
    h.key_generation = app.sel.generation;
    h.key_source = h.source;
    h.key_n = h.top_n;
    h.key_order = h.order;
    h.key_terms = terms;
    h.empty_reason.clear();
    h.matrix = CooccurrenceMatrix{};
    h.perm.clear();
    h.labels.clear();
    h.values.clear();
    h.pairs.clear();
    h.hover_pair = -1;
    h.texture_dirty = true;

    const std::vector<FigureId>& figs = app.sel.result.figures;
    std::vector<GeneId> genes;
    if (h.source == HeatSource::TopN) {
        const size_t n = std::min(app.sel.frequencies.size(), size_t(std::clamp(h.top_n, 2, 500)));
        for (size_t i = 0; i < n; ++i) genes.push_back(app.sel.frequencies[i].gene);
    } else {
        for (const std::string& t : terms)
            for (GeneId g : ix.resolve_gene_term(t))
                if (std::find(genes.begin(), genes.end(), g) == genes.end()) genes.push_back(g);
    }
    genes.erase(std::remove_if(genes.begin(), genes.end(), [&](GeneId g) { return g >= ix.gene_count(); }), genes.end());

    if (app.figures_indexed == 0) {
        h.empty_reason = "No figures loaded yet.";
        return;
    }
    if (figs.empty()) {
        h.empty_reason = "No figures selected: widen the filter to see which genes appear together.";
        return;
    }
    if (genes.size() < 2) {
        h.empty_reason = h.source == HeatSource::TopN
                             ? "The selected figures mention fewer than two genes."
                             : "Add at least two genes to the filter, or show the top genes of the selection.";
        return;
    }
    try {
        h.matrix = cooccurrence_matrix(ix, figs, genes);
    } catch (const std::exception& e) {
        h.empty_reason = std::string("Could not compute the matrix: ") + e.what();
        return;
    }
    const size_t n = h.matrix.n();
    if (h.matrix.counts.size() != n * n) {
        h.empty_reason = "Could not compute the matrix.";
        return;
    }
    h.perm.resize(n);
    std::iota(h.perm.begin(), h.perm.end(), size_t(0));
    auto symbol = [&](size_t i) -> const std::string& { return ix.gene_symbol(h.matrix.genes[i]); };
    switch (h.order) {
        case HeatOrder::Frequency:   // top-N comes in frequency order; filter genes get sorted
            std::stable_sort(h.perm.begin(), h.perm.end(), [&](size_t a, size_t b) {
                if (h.matrix.at(a, a) != h.matrix.at(b, b)) return h.matrix.at(a, a) > h.matrix.at(b, b);
                return compare_symbols(symbol(a), symbol(b)) < 0;
            });
            break;
        case HeatOrder::Name:
            std::stable_sort(h.perm.begin(), h.perm.end(),
                             [&](size_t a, size_t b) { return compare_symbols(symbol(a), symbol(b)) < 0; });
            break;
        case HeatOrder::Cluster: {
            std::vector<size_t> order = cluster_order(h.matrix);
            // Trust but verify: a permutation of 0..n-1, else keep frequency order.
            std::vector<char> seen(n, 0);
            bool ok = order.size() == n;
            for (size_t i : order) ok = ok && i < n && !seen[i]++;
            if (ok) h.perm = std::move(order);
            break;
        }
    }
    for (size_t i : h.perm) h.labels.push_back(symbol(i));
    compute_values(app);
}

//-----------------------------------------------------------------------------
// [SECTION] Texture
//-----------------------------------------------------------------------------

static bool have_renderer() { return ImGui::GetIO().BackendRendererName != nullptr; }

static ImU32 cell_color(const HeatmapState& h, size_t r, size_t c) {
    const size_t n = h.labels.size();
    if (r == c) return kDiagCell;
    if (h.matrix.at(h.perm[r], h.perm[c]) == 0) return kZeroCell;
    const double v = h.values[r * n + c];
    const double t = std::isfinite(v) ? v / h.vmax : 1.0;
    return ui::viridis(float(std::clamp(t, 0.0, 1.0)));
}

static void upload_texture(HeatmapState& h) {
    h.texture_dirty = false;
    const int n = int(h.labels.size());
    if (n <= 0 || !have_renderer()) return;
    std::vector<ImU32> px(size_t(n) * size_t(n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) px[size_t(r) * size_t(n) + size_t(c)] = cell_color(h, size_t(r), size_t(c));
    GLint prev = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
    if (!h.texture) {
        GLuint t = 0;
        glGenTextures(1, &t);
        h.texture = t;
    }
    glBindTexture(GL_TEXTURE_2D, GLuint(h.texture));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
#ifdef GL_UNPACK_ROW_LENGTH
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
#endif
    // ImU32 is R,G,B,A in memory (IM_COL32 packs R in the low byte; all our targets are little-endian).
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, n, n, 0, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    glBindTexture(GL_TEXTURE_2D, GLuint(prev));
    h.texture_n = n;
}

void heatmap_release(App& app) {
    HeatmapState& h = app.heatmap;
    if (h.texture && have_renderer()) {
        GLuint t = GLuint(h.texture);
        glDeleteTextures(1, &t);
    }
    h.texture = 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

struct HeatLayout {
    float cell = 0;        // px per cell
    float label_size = 0;  // font size of labels; 0 = too small to draw
    float lab_w = 0;       // row label band width
    float lab_h = 0;       // column label band height
};

static float max_label_width(const HeatmapState& h, float size) {
    ImFont* font = ImGui::GetFont();
    float w = 0;
    for (const std::string& s : h.labels) w = std::max(w, font->CalcTextSizeA(size, FLT_MAX, 0.0f, s.c_str()).x);
    return w;
}

static HeatLayout compute_layout(const HeatmapState& h, ImVec2 avail, float cell) {
    const float em = ui::em();
    HeatLayout L;
    L.cell = cell;
    // Labels shrink with the cells down to 60% of the UI font, then disappear (zoom in).
    const float ls = std::min(em, cell * 0.92f);
    L.label_size = ls >= em * 0.6f ? ls : 0.0f;
    const float band = L.label_size > 0 ? std::min(max_label_width(h, L.label_size) + em * 0.6f, em * 9.0f) : em * 0.4f;
    L.lab_w = band;
    L.lab_h = band;
    (void)avail;
    return L;
}

// Empty margin right of and below the cells, so the last row/column never touches the border.
static float canvas_pad() { return std::floor(ui::em() * 0.5f); }

// Fit: the whole matrix in the panel, but never cells too small for readable labels (the
// panel scrolls instead). Zoom: a fixed cell size in % of the font size.
static HeatLayout layout_for(const HeatmapState& h, ImVec2 avail) {
    const float em = ui::em();
    const int n = std::max<int>(1, int(h.labels.size()));
    if (!h.fit) return compute_layout(h, avail, std::max(1.0f, em * float(h.zoom_pct) / 100.0f));
    const float readable = em * 0.72f;
    const float pad = canvas_pad();
    HeatLayout L = compute_layout(h, avail, em);
    for (int pass = 0; pass < 2; ++pass) {
        const float fit = std::min((avail.x - L.lab_w - pad) / float(n), (avail.y - L.lab_h - pad) / float(n));
        L = compute_layout(h, avail, std::floor(std::clamp(fit, readable, em * 2.2f)));
    }
    return L;
}

//-----------------------------------------------------------------------------
// [SECTION] Controls
//-----------------------------------------------------------------------------

static const char* measure_label(CooccurrenceMeasure m) {
    switch (m) {
        case CooccurrenceMeasure::Count: return "Figures with both";
        case CooccurrenceMeasure::Jaccard: return "Jaccard index";
        case CooccurrenceMeasure::Lift: return "Lift (observed / expected)";
        case CooccurrenceMeasure::NegLog10P: return "\u2212log\u2081\u2080 p (hypergeometric)";
    }
    return "?";
}

static const char* order_label(HeatOrder o) {
    switch (o) {
        case HeatOrder::Frequency: return "Most frequent first";
        case HeatOrder::Name: return "Alphabetical";
        case HeatOrder::Cluster: return "Clustered";
    }
    return "?";
}

static std::string format_value(CooccurrenceMeasure m, double v) {
    char buf[32];
    if (!std::isfinite(v)) return "\u221E";
    switch (m) {
        case CooccurrenceMeasure::Count: std::snprintf(buf, sizeof buf, "%.0f", v); break;
        case CooccurrenceMeasure::Jaccard: std::snprintf(buf, sizeof buf, "%.2f", v); break;
        case CooccurrenceMeasure::Lift: std::snprintf(buf, sizeof buf, v < 10 ? "%.2f" : "%.1f", v); break;
        case CooccurrenceMeasure::NegLog10P: std::snprintf(buf, sizeof buf, "%.1f", v); break;
    }
    return buf;
}

static void draw_controls(App& app) {
    HeatmapState& h = app.heatmap;
    const float em = ui::em();
    const float avail = ImGui::GetContentRegionAvail().x;

    int src = h.source == HeatSource::TopN ? 0 : 1;
    ImGui::AlignTextToFramePadding();
    if (ImGui::RadioButton("Top", &src, 0)) h.source = HeatSource::TopN;
    ImGui::SetItemTooltip("The most frequent genes of the selected figures");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(em * 5, std::min(em * 9, avail - em * 16)));
    if (ImGui::SliderInt("##topn", &h.top_n, 5, 200, "%d genes", ImGuiSliderFlags_AlwaysClamp)) h.source = HeatSource::TopN;
    ImGui::SameLine();
    if (ImGui::RadioButton("Filter genes", &src, 1)) h.source = HeatSource::FilterGenes;
    ImGui::SetItemTooltip("The genes chosen in the filter (aliases expanded)");

    const float half = std::max(em * 6, (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f);
    ImGui::SetNextItemWidth(half);
    if (ImGui::BeginCombo("##measure", measure_label(h.measure))) {
        for (CooccurrenceMeasure m : {CooccurrenceMeasure::Count, CooccurrenceMeasure::Jaccard, CooccurrenceMeasure::Lift,
                                      CooccurrenceMeasure::NegLog10P})
            if (ImGui::Selectable(measure_label(m), h.measure == m)) h.measure = m;
        ImGui::EndCombo();
    }
    ImGui::SetItemTooltip("Colour: what each cell measures");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##order", order_label(h.order))) {
        for (HeatOrder o : {HeatOrder::Cluster, HeatOrder::Frequency, HeatOrder::Name})
            if (ImGui::Selectable(order_label(o), h.order == o)) h.order = o;
        ImGui::EndCombo();
    }
    ImGui::SetItemTooltip("Order of rows and columns. Clustered: average linkage on 1 \u2212 Jaccard,\n"
                          "so genes that appear in the same figures sit together.");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Zoom");
    ImGui::SameLine();
    if (ImGui::Checkbox("Fit", &h.fit) && !h.fit && h.cell_px > 0)
        h.zoom_pct = std::clamp(int(std::lround(h.cell_px / em * 100.0f)), 15, 300);
    ImGui::SetItemTooltip("Fit the panel, keeping labels readable");
    ImGui::SameLine();
    int pct = h.fit && h.cell_px > 0 ? int(std::lround(h.cell_px / em * 100.0f)) : h.zoom_pct;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderInt("##zoom", &pct, 15, 300, "%d%%", ImGuiSliderFlags_AlwaysClamp)) {
        h.zoom_pct = pct;
        h.fit = false;
    }
    ImGui::SetItemTooltip("Cell size (Ctrl+wheel over the heatmap)");
}

static void draw_legend(const HeatmapState& h) {
    const float em = ui::em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeight();
    const float bar_h = lh * 0.7f;

    // [none] [diag]   0 [gradient] max
    float x = p.x;
    const float sw = bar_h;
    auto swatch = [&](ImU32 col, const char* label, const char* tip) {
        dl->AddRectFilled(ImVec2(x, p.y + (lh - sw) * 0.5f), ImVec2(x + sw, p.y + (lh + sw) * 0.5f), col, em * 0.1f);
        dl->AddRect(ImVec2(x, p.y + (lh - sw) * 0.5f), ImVec2(x + sw, p.y + (lh + sw) * 0.5f), IM_COL32(0, 0, 0, 40), em * 0.1f);
        x += sw + em * 0.25f;
        const ImVec2 a(x - sw - em * 0.25f, p.y);
        dl->AddText(ImVec2(x, p.y), ui::kMuted, label);
        x += ImGui::CalcTextSize(label).x + em * 0.7f;
        if (ImGui::IsMouseHoveringRect(a, ImVec2(x, p.y + lh))) ImGui::SetTooltip("%s", tip);
    };
    swatch(kZeroCell, "none", "Never in the same selected figure");
    swatch(kDiagCell, "self", "A gene with itself (hover for its count)");

    const std::string lo = format_value(h.measure, 0.0), hi = format_value(h.measure, h.vmax);
    const float lo_w = ImGui::CalcTextSize(lo.c_str()).x, hi_w = ImGui::CalcTextSize(hi.c_str()).x;
    const float gx0 = x + lo_w + em * 0.3f;
    const float gx1 = std::max(gx0 + em * 3, p.x + avail - hi_w - em * 0.3f);
    dl->AddText(ImVec2(x, p.y), ui::kMuted, lo.c_str());
    const int segs = 24;
    for (int i = 0; i < segs; ++i) {
        const float t0 = float(i) / segs, t1 = float(i + 1) / segs;
        const float xa = gx0 + (gx1 - gx0) * t0, xb = gx0 + (gx1 - gx0) * t1;
        const ImU32 ca = ui::viridis(t0), cb = ui::viridis(t1);
        dl->AddRectFilledMultiColor(ImVec2(xa, p.y + (lh - bar_h) * 0.5f), ImVec2(xb + 0.5f, p.y + (lh + bar_h) * 0.5f), ca, cb,
                                    cb, ca);
    }
    dl->AddText(ImVec2(gx1 + em * 0.3f, p.y), ui::kMuted, hi.c_str());
    if (ImGui::IsMouseHoveringRect(ImVec2(gx0, p.y), ImVec2(gx1, p.y + lh)))
        ImGui::SetTooltip("%s, from %s to %s (the highest off-diagonal value)", measure_label(h.measure), lo.c_str(), hi.c_str());
    ImGui::Dummy(ImVec2(avail, lh));
}

//-----------------------------------------------------------------------------
// [SECTION] Canvas
//-----------------------------------------------------------------------------

static void cell_tooltip(const App& app, size_t r, size_t c) {
    const HeatmapState& h = app.heatmap;
    const CooccurrenceMatrix& m = h.matrix;
    const size_t i = h.perm[r], j = h.perm[c];
    const std::string& a = h.labels[r];
    const std::string& b = h.labels[c];
    const uint32_t ci = m.at(i, i), cj = m.at(j, j), cij = m.at(i, j);
    ImGui::BeginTooltip();
    if (r == c) {
        ImGui::Text("%s", a.c_str());
        ImGui::Text("In %s of %s selected figures", ui::thousands(ci).c_str(), ui::thousands(m.figures).c_str());
        ImGui::TextDisabled("Click: filter to %s", a.c_str());
    } else {
        ImGui::Text("%s \u00D7 %s", a.c_str(), b.c_str());
        ImGui::Separator();
        ImGui::Text("Both in %s of %s selected figures", ui::thousands(cij).c_str(), ui::thousands(m.figures).c_str());
        ImGui::Text("%s: %s  ·  %s: %s", a.c_str(), ui::thousands(ci).c_str(), b.c_str(), ui::thousands(cj).c_str());
        const double jac = cooccurrence_value(m, i, j, CooccurrenceMeasure::Jaccard);
        const double lift = cooccurrence_value(m, i, j, CooccurrenceMeasure::Lift);
        const double p = cooccurrence_value(m, i, j, CooccurrenceMeasure::NegLog10P);
        ImGui::Text("Jaccard %s  ·  lift %s  ·  \u2212log\u2081\u2080 p %s", format_value(CooccurrenceMeasure::Jaccard, jac).c_str(),
                    format_value(CooccurrenceMeasure::Lift, lift).c_str(),
                    format_value(CooccurrenceMeasure::NegLog10P, p).c_str());
        if (cij) ImGui::TextDisabled("Click: show the %s figure%s with both", ui::thousands(cij).c_str(), cij == 1 ? "" : "s");
    }
    ImGui::EndTooltip();
}

static void gene_label_tooltip(const App& app, size_t r) {
    const HeatmapState& h = app.heatmap;
    const size_t i = h.perm[r];
    ImGui::SetTooltip("%s: in %s of %s selected figures\nClick: add to the filter", h.labels[r].c_str(),
                      ui::thousands(h.matrix.at(i, i)).c_str(), ui::thousands(h.matrix.figures).c_str());
}

static void draw_canvas(App& app, float height) {
    HeatmapState& h = app.heatmap;
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ui::em();
    const int n = int(h.labels.size());

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const bool open = ImGui::BeginChild("##hm_canvas", ImVec2(0, height), ImGuiChildFlags_Border,
                                        ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PopStyleVar();
    if (!open) {
        ImGui::EndChild();
        return;
    }
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImRect clip = win->InnerClipRect;
    const ImVec2 view(clip.GetWidth(), clip.GetHeight());
    const ImVec2 origin = ImGui::GetCursorScreenPos();   // content (0,0), scrolled
    const ImVec2 mouse = io.MousePos;
    const bool hovered_win = ImGui::IsWindowHovered();

    HeatLayout L = layout_for(h, view);
    if (h.drawn_generation != h.matrix_generation) {   // other genes now: start at the top-left
        h.drawn_generation = h.matrix_generation;
        ImGui::SetScrollX(0.0f);
        ImGui::SetScrollY(0.0f);
    }

    // Ctrl+wheel: zoom about the mouse (ImGui does not scroll while Ctrl is held).
    if (hovered_win && io.KeyCtrl && io.MouseWheel != 0.0f && clip.Contains(mouse)) {
        const ImVec2 c0(origin.x + L.lab_w, origin.y + L.lab_h);
        const ImVec2 u((mouse.x - c0.x) / L.cell, (mouse.y - c0.y) / L.cell);
        const float pct = L.cell / em * 100.0f * std::pow(1.15f, io.MouseWheel);
        h.zoom_pct = std::clamp(int(std::lround(pct)), 15, 300);
        h.fit = false;
        L = layout_for(h, view);
        ImGui::SetScrollX(std::max(0.0f, clip.Min.x + L.lab_w + u.x * L.cell - mouse.x));
        ImGui::SetScrollY(std::max(0.0f, clip.Min.y + L.lab_h + u.y * L.cell - mouse.y));
    }
    h.cell_px = L.cell;

    const float side = float(n) * L.cell;
    ImGui::Dummy(ImVec2(L.lab_w + side + canvas_pad(), L.lab_h + side + canvas_pad()));

    const ImVec2 c0(origin.x + L.lab_w, origin.y + L.lab_h);   // cell (0,0), scrolls
    const ImRect cells_clip(ImVec2(clip.Min.x + L.lab_w, clip.Min.y + L.lab_h), clip.Max);
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Visible rows/columns (everything drawn per cell is limited to these).
    const int c_first = std::clamp(int(std::floor((cells_clip.Min.x - c0.x) / L.cell)), 0, n);
    const int c_last = std::clamp(int(std::ceil((cells_clip.Max.x - c0.x) / L.cell)), 0, n);
    const int r_first = std::clamp(int(std::floor((cells_clip.Min.y - c0.y) / L.cell)), 0, n);
    const int r_last = std::clamp(int(std::ceil((cells_clip.Max.y - c0.y) / L.cell)), 0, n);

    // Hover: a cell, a row label or a column label.
    int hr = -1, hc = -1;
    bool on_row_label = false, on_col_label = false;
    if (hovered_win && clip.Contains(mouse)) {
        const int c = int(std::floor((mouse.x - c0.x) / L.cell));
        const int r = int(std::floor((mouse.y - c0.y) / L.cell));
        if (cells_clip.Contains(mouse)) {
            if (r >= 0 && r < n && c >= 0 && c < n) { hr = r; hc = c; }
        } else if (mouse.x < cells_clip.Min.x && mouse.y >= cells_clip.Min.y && r >= 0 && r < n) {
            hr = r;
            on_row_label = true;
        } else if (mouse.y < cells_clip.Min.y && mouse.x >= cells_clip.Min.x && c >= 0 && c < n) {
            hc = c;
            on_col_label = true;
        }
    }

    // Cells.
    dl->PushClipRect(cells_clip.Min, cells_clip.Max, true);
    if (have_renderer()) {
        if (h.texture_dirty || h.texture_n != n) upload_texture(h);
        if (h.texture) dl->AddImage(ImTextureID(intptr_t(h.texture)), c0, ImVec2(c0.x + side, c0.y + side));
    } else {
        // No GPU renderer (headless tests): rectangles for the visible cells only.
        for (int r = r_first; r < r_last; ++r)
            for (int c = c_first; c < c_last; ++c)
                dl->AddRectFilled(ImVec2(c0.x + c * L.cell, c0.y + r * L.cell), ImVec2(c0.x + (c + 1) * L.cell, c0.y + (r + 1) * L.cell),
                                  cell_color(h, size_t(r), size_t(c)));
    }
    if (L.cell >= 5.0f) {   // thin gaps between cells, only where they are visible
        const ImU32 grid = IM_COL32(255, 255, 255, 150);
        for (int c = c_first; c <= c_last; ++c)
            dl->AddLine(ImVec2(c0.x + c * L.cell, c0.y + r_first * L.cell), ImVec2(c0.x + c * L.cell, c0.y + r_last * L.cell), grid);
        for (int r = r_first; r <= r_last; ++r)
            dl->AddLine(ImVec2(c0.x + c_first * L.cell, c0.y + r * L.cell), ImVec2(c0.x + c_last * L.cell, c0.y + r * L.cell), grid);
    }
    const ImU32 hl = IM_COL32(20, 24, 32, 200);
    if (h.hover_pair >= 0 && size_t(h.hover_pair) < h.pairs.size() && hr < 0 && hc < 0) {
        // The pair under the mouse in the list below: both of its (symmetric) cells.
        const auto [pr, pc] = h.pairs[size_t(h.hover_pair)];
        for (int k = 0; k < 2; ++k) {
            const int r = k ? pc : pr, c = k ? pr : pc;
            dl->AddRect(ImVec2(c0.x + c * L.cell - 1, c0.y + r * L.cell - 1),
                        ImVec2(c0.x + (c + 1) * L.cell + 1, c0.y + (r + 1) * L.cell + 1), IM_COL32(220, 40, 40, 255), 0, 0,
                        std::max(2.0f, em * 0.14f));
        }
    }
    if (hr >= 0) dl->AddRect(ImVec2(c0.x, c0.y + hr * L.cell), ImVec2(c0.x + side, c0.y + (hr + 1) * L.cell), IM_COL32(20, 24, 32, 90));
    if (hc >= 0) dl->AddRect(ImVec2(c0.x + hc * L.cell, c0.y), ImVec2(c0.x + (hc + 1) * L.cell, c0.y + side), IM_COL32(20, 24, 32, 90));
    if (hr >= 0 && hc >= 0)
        dl->AddRect(ImVec2(c0.x + hc * L.cell, c0.y + hr * L.cell), ImVec2(c0.x + (hc + 1) * L.cell, c0.y + (hr + 1) * L.cell), hl, 0, 0,
                    std::max(1.5f, em * 0.12f));
    dl->PopClipRect();

    // Frozen label bands: rows on the left, columns on top (vertical text), over the cells.
    const ImU32 band_bg = ImGui::GetColorU32(ImGuiCol_WindowBg);
    ImFont* font = ImGui::GetFont();
    auto label_color = [&](int k, bool hot) {
        if (hot) return ui::kAccent;
        return has_term(app.filter.genes, h.labels[size_t(k)]) ? ui::kAccent : ImGui::GetColorU32(ImGuiCol_Text);
    };
    {
        const ImVec2 a(clip.Min.x, cells_clip.Min.y), b(cells_clip.Min.x, clip.Max.y);
        dl->PushClipRect(a, b, true);
        dl->AddRectFilled(a, b, band_bg);
        if (L.label_size > 0) {
            for (int r = r_first; r < r_last; ++r) {
                const char* s = h.labels[size_t(r)].c_str();
                const float w = font->CalcTextSizeA(L.label_size, FLT_MAX, 0.0f, s).x;
                const float y = c0.y + r * L.cell + (L.cell - L.label_size) * 0.5f;
                if (r == hr) dl->AddRectFilled(ImVec2(a.x, c0.y + r * L.cell), ImVec2(b.x, c0.y + (r + 1) * L.cell), ImGui::GetColorU32(ImGuiCol_HeaderHovered));
                dl->AddText(font, L.label_size, ImVec2(b.x - em * 0.3f - w, y), label_color(r, r == hr), s);
            }
        }
        dl->PopClipRect();
    }
    {
        const ImVec2 a(cells_clip.Min.x, clip.Min.y), b(clip.Max.x, cells_clip.Min.y);
        dl->PushClipRect(a, b, true);
        dl->AddRectFilled(a, b, band_bg);
        if (L.label_size > 0) {
            for (int c = c_first; c < c_last; ++c) {
                const float x = c0.x + c * L.cell + (L.cell - L.label_size) * 0.5f;
                if (c == hc) dl->AddRectFilled(ImVec2(c0.x + c * L.cell, a.y), ImVec2(c0.x + (c + 1) * L.cell, b.y), ImGui::GetColorU32(ImGuiCol_HeaderHovered));
                ui::add_text_vertical(dl, font, L.label_size, ImVec2(x, b.y - em * 0.3f), label_color(c, c == hc),
                                      h.labels[size_t(c)].c_str());
            }
        }
        dl->PopClipRect();
    }
    {
        // Corner: what the axes are, or how to get labels back.
        const ImVec2 a = clip.Min, b(cells_clip.Min.x, cells_clip.Min.y);
        dl->PushClipRect(a, b, true);
        dl->AddRectFilled(a, b, band_bg);
        if (L.label_size == 0 && L.lab_w < em) {
            // no room for text in a tiny corner
        } else {
            const char* txt = n > 0 ? "genes" : "";
            dl->AddText(font, em * 0.8f, ImVec2(a.x + em * 0.3f, b.y - em * 1.1f), ui::kMuted, txt);
        }
        dl->PopClipRect();
    }

    // Interaction.
    if (hr >= 0 && hc >= 0) {
        cell_tooltip(app, size_t(hr), size_t(hc));
        if (hr == hc || h.matrix.at(h.perm[size_t(hr)], h.perm[size_t(hc)]) > 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        // A pair that never co-occurs would filter to nothing: such cells do not react.
        const bool useful = hr == hc || h.matrix.at(h.perm[size_t(hr)], h.perm[size_t(hc)]) > 0;
        if (useful && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            Action a = make_action(ActionType::SetGenes);
            a.mode = GeneMode::All;
            a.list.push_back(h.labels[size_t(hr)]);
            if (hc != hr) a.list.push_back(h.labels[size_t(hc)]);
            push(app, std::move(a));
        }
    } else if (on_row_label || on_col_label) {
        const int k = on_row_label ? hr : hc;
        gene_label_tooltip(app, size_t(k));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) push_gene(app, ActionType::AddGene, h.labels[size_t(k)]);
    }
    ImGui::EndChild();
}

//-----------------------------------------------------------------------------
// [SECTION] Pairs
//-----------------------------------------------------------------------------
// The matrix as a ranked list: the gene pairs that co-occur, strongest first under the chosen
// measure. Reads the cached matrix; values per visible row only.

static void draw_pairs(App& app) {
    HeatmapState& h = app.heatmap;
    const CooccurrenceMatrix& m = h.matrix;
    ImGui::Spacing();
    ImGui::Text("Strongest pairs");
    ImGui::SameLine();
    ImGui::TextDisabled("by %s · %s pairs", measure_label(h.measure), ui::thousands(h.pairs.size()).c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    int hovered = -1;
    if (ImGui::BeginTable("##pairs", 5, flags, ImVec2(0, 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Genes", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn("Both", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Jaccard", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Lift", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("\u2212log\u2081\u2080 p", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(int(h.pairs.size()));
        while (clipper.Step()) {
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const auto [r, c] = h.pairs[size_t(k)];
                const size_t i = h.perm[r], j = h.perm[c];
                ImGui::TableNextRow();
                ImGui::PushID(k);
                ImGui::TableSetColumnIndex(0);
                char label[160];
                std::snprintf(label, sizeof label, "%s \u2013 %s", h.labels[r].c_str(), h.labels[c].c_str());
                if (ImGui::Selectable(label, k == h.hover_pair, ImGuiSelectableFlags_SpanAllColumns)) {
                    Action a = make_action(ActionType::SetGenes);
                    a.mode = GeneMode::All;
                    a.list = {h.labels[r], h.labels[c]};
                    push(app, std::move(a));
                }
                if (ImGui::IsItemHovered()) {
                    hovered = k;
                    ImGui::SetTooltip("Click: show the %u figures with both %s and %s", m.at(i, j), h.labels[r].c_str(),
                                      h.labels[c].c_str());
                }
                ImGui::TableSetColumnIndex(1);
                ImGui::Text("%u", m.at(i, j));
                ImGui::TableSetColumnIndex(2);
                ImGui::TextUnformatted(format_value(CooccurrenceMeasure::Jaccard, cooccurrence_value(m, i, j, CooccurrenceMeasure::Jaccard)).c_str());
                ImGui::TableSetColumnIndex(3);
                ImGui::TextUnformatted(format_value(CooccurrenceMeasure::Lift, cooccurrence_value(m, i, j, CooccurrenceMeasure::Lift)).c_str());
                ImGui::TableSetColumnIndex(4);
                ImGui::TextUnformatted(format_value(CooccurrenceMeasure::NegLog10P, cooccurrence_value(m, i, j, CooccurrenceMeasure::NegLog10P)).c_str());
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    h.hover_pair = hovered;
}

//-----------------------------------------------------------------------------
// [SECTION] Panel
//-----------------------------------------------------------------------------

void draw_heatmap_panel(App& app) {
    HeatmapState& h = app.heatmap;
    ui::heading("Co-occurrence");
    if (h.valid && h.empty_reason.empty()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%zu genes \u00D7 %s figures", h.labels.size(), ui::thousands(h.matrix.figures).c_str());
    }
    draw_controls(app);
    // Controls changed this frame: recompute now so the canvas never shows a stale matrix
    // (not while a batch is being indexed: refresh() catches up after its finalize).
    if (!index_busy(app)) heatmap_update(app);
    if (!h.valid || !h.empty_reason.empty()) {
        ui::empty_state("Nothing to compare", h.valid ? h.empty_reason.c_str() : "Loading…");
        if (h.valid && h.source == HeatSource::FilterGenes && app.sel.frequencies.size() >= 2) {
            ImGui::Spacing();
            const char* label = "Show the top genes";
            const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
            ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), (ImGui::GetContentRegionMax().x - w) * 0.5f));
            if (ImGui::Button(label)) h.source = HeatSource::TopN;
        }
        return;
    }
    draw_legend(h);

    // The canvas takes the height the matrix needs; spare height below goes to the pairs list.
    const float em = ui::em();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float border = ImGui::GetStyle().ChildBorderSize * 2;
    const HeatLayout L = layout_for(h, ImVec2(avail.x - border, avail.y - border));
    const float side = float(h.labels.size()) * L.cell;
    float need = L.lab_h + side + canvas_pad() + border;
    if (L.lab_w + side + canvas_pad() > avail.x - border) need += ImGui::GetStyle().ScrollbarSize;
    const bool room_for_pairs = avail.y - need > em * 9 && !h.pairs.empty();
    draw_canvas(app, room_for_pairs ? need : 0.0f);
    if (room_for_pairs) draw_pairs(app);
    else h.hover_pair = -1;
}

}  // namespace figscope::app
