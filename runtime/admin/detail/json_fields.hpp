#pragma once

#include <stdexcept>
#include <string>

#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include "caf/expected.hpp"

#include "runtime/errc.hpp"

namespace actorbus::admin::detail {

/// Thrown by `field` inside value_to conversions; caught by `parse_json_as`.
struct json_field_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Returns `obj[key]` converted to T; throws json_field_error naming the key.
template <class T>
T field(const boost::json::value& v, const char* key) {
  auto* obj = v.if_object();
  if (obj == nullptr)
    throw json_field_error(std::string{"expected an object around '"} + key
                           + "'");
  auto* x = obj->if_contains(key);
  if (x == nullptr)
    throw json_field_error(std::string{"missing field '"} + key + "'");
  try {
    return boost::json::value_to<T>(*x);
  } catch (const json_field_error&) {
    throw;
  } catch (const std::exception&) {
    throw json_field_error(std::string{"field '"} + key
                           + "' has the wrong type");
  }
}

/// Converts `v` to T, turning any conversion failure into errc::bad_request.
template <class T>
caf::expected<T> parse_json_as(const boost::json::value& v) {
  try {
    return boost::json::value_to<T>(v);
  } catch (const std::exception& ex) {
    return caf::make_error(errc::bad_request,
                           std::string{"unexpected JSON: "} + ex.what());
  }
}

} // namespace actorbus::admin::detail
