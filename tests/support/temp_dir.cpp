#include "tests/support/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace actorbus::test {

temp_dir::temp_dir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl
    = std::string{base ? base : "/tmp"} + "/" + prefix + ".XXXXXX";
  std::vector<char> buf{tmpl.begin(), tmpl.end()};
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed for " + tmpl);
  path_ = buf.data();
}

temp_dir::~temp_dir() {
  if (const char* keep = std::getenv("ACTORBUS_KEEP_TMP"); keep && *keep == '1')
    return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string temp_dir::operator/(const std::string& name) const {
  return path_ + "/" + name;
}

std::string temp_dir::write_file(const std::string& name,
                                 const std::string& content) const {
  auto full = *this / name;
  std::filesystem::create_directories(
    std::filesystem::path{full}.parent_path());
  std::ofstream out{full, std::ios::binary | std::ios::trunc};
  out << content;
  return full;
}

} // namespace actorbus::test
