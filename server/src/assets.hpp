#pragma once
// The web explorer's files (server/web/), compiled in by embed_assets.cmake.
#include <cstddef>

namespace normgraph::server {

struct Asset {
  const char* name;  // file name: index.html, app.js, style.css
  const char* type;  // Content-Type
  const unsigned char* data;
  size_t size;
};
extern const Asset kAssets[];
extern const size_t kAssetCount;

}  // namespace normgraph::server
