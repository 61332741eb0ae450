// app.h - the figscope explorer UI, shared by the browser and the desktop host.
//
// The host (platform_emscripten.cpp / platform_desktop.cpp) owns the window, GL context and
// ImGui backends; each frame it calls app::frame() between ImGui::NewFrame() and
// ImGui::Render(). Data reaches the app as whole files (fetched, dropped, picked or read from
// disk); the app asks the core to parse and index them a slice at a time inside frame(),
// so the loading screen shows progress and the UI never blocks for long.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "../core/loader.h"
#include "../core/query.h"

namespace figscope::app {

struct App;

App* create();
void destroy(App* app);

// Loading. A batch is what one user action brings (the bundled data, a drop, a file pick).
// The host reports fetch progress while bytes arrive, then hands over the files.
void begin_load(App& app, const std::string& label);
void set_fetch_progress(App& app, size_t bytes_done, size_t bytes_total);
void add_file(App& app, InputFile file);
void end_load(App& app);               // no more files in this batch
void report_problem(App& app, const std::string& path, const std::string& message);  // host-side failures (fetch errors)

// One ImGui frame of the whole UI (full-window dock of panels).
void frame(App& app);

// The JS / test API: {"ready", "figures_total", "figures_shown", "genes_filter",
// "gene_mode", "heatmap_genes", "problems", "loading"} as JSON.
std::string state_json(const App& app);
void set_genes(App& app, const std::vector<std::string>& genes, GeneMode mode);

}  // namespace figscope::app
