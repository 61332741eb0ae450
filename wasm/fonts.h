// fonts.h - the UI font atlas and theme, built for a display scale.
//
// The atlas is built from DejaVu Sans, embedded in the binary (tools/embed_file.py), with the
// scripts PFOCR captions and titles use: Latin, Greek, Cyrillic, general punctuation (dashes,
// curly quotes), arrows, math operators (± ≤ ≥), super/subscripts, letterlike symbols,
// enclosed alphanumerics (① ②), dingbats, typographic ligatures.
//
// Hosts call setup() once before the first frame, and again when the display scale changes
// (HiDPI, browser zoom, moving between monitors); after that the renderer's font texture must
// be rebuilt (ImGui_ImplOpenGL3_DestroyFontsTexture + CreateFontsTexture). Never call it
// between NewFrame() and Render().
#pragma once

struct ImFont;

namespace figscope::fonts {

// scale: pixels per UI unit (1 on a normal screen, 2 on a HiDPI one: glfwGetWindowContentScale
// on the desktop, devicePixelRatio in the browser). ImGui is assumed to run in framebuffer
// pixels (DisplayFramebufferScale 1), as both hosts do. Rebuilds the atlas at 15 px * scale,
// resets the style to the figscope theme and scales every size by `scale`.
void setup(float scale);

float scale();         // the scale of the last setup()
ImFont* body();        // the default font (also ImGui::GetIO().FontDefault)
ImFont* heading();     // a larger size of the same face, for panel titles; never null after setup()

}  // namespace figscope::fonts
