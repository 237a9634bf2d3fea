#pragma once
// Reading a whole file.
#include <string>

namespace normgraph {

// The file's bytes. Throws InputError "PATH: is a directory", "PATH: cannot open: REASON" or
// "PATH: cannot read: REASON".
std::string read_file(const std::string& path);

}  // namespace normgraph
