// platform.h - the few things the shared UI needs from its host. Implemented once per host:
// platform_emscripten.cpp (browser) and platform_desktop.cpp (GLFW + OpenGL 3).
// Clipboard, HiDPI, resize, mouse wheel and keyboard are handled by the ImGui backends the
// hosts install; these are the rest.
#pragma once

namespace figscope::platform {

void open_url(const char* url);          // browser: new tab; desktop: xdg-open
bool can_pick_files();                   // a native file picker exists (browser: yes)
void pick_files();                       // opens it; chosen files arrive through app::add_file
const char* host_name();                 // "browser" or "desktop", shown in the About line

}  // namespace figscope::platform
