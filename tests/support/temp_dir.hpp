#pragma once

#include <string>

namespace actorbus::test {

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it
/// when the object is destroyed. Set ACTORBUS_KEEP_TMP=1 to keep it.
class temp_dir {
public:
  explicit temp_dir(const std::string& prefix = "actorbus-test");
  ~temp_dir();

  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::string& path() const noexcept { return path_; }

  /// Returns path() + "/" + name.
  std::string operator/(const std::string& name) const;

  /// Writes `content` to path()/name and returns the full path.
  std::string write_file(const std::string& name,
                         const std::string& content) const;

private:
  std::string path_;
};

} // namespace actorbus::test
