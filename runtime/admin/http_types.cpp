#include "runtime/admin/http_types.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace actorbus::admin {

std::optional<std::string>
http_request::query_value(const std::string& key) const {
  if (auto i = query.find(key); i != query.end())
    return i->second;
  return std::nullopt;
}

std::string http_request::param(const std::string& key) const {
  if (auto i = params.find(key); i != params.end())
    return i->second;
  return {};
}

http_response http_response::json(unsigned status,
                                  const boost::json::value& body) {
  http_response res;
  res.status = status;
  res.body = boost::json::serialize(body);
  res.body += '\n';
  return res;
}

http_response http_response::text(unsigned status, std::string body,
                                  std::string content_type) {
  http_response res;
  res.status = status;
  res.body = std::move(body);
  res.content_type = std::move(content_type);
  return res;
}

http_response http_response::error(unsigned status, std::string_view error,
                                   std::string_view detail) {
  boost::json::object obj;
  obj["error"] = error;
  obj["detail"] = detail;
  return json(status, obj);
}

} // namespace actorbus::admin
