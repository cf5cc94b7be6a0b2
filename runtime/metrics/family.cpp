#include "runtime/metrics/family.hpp"

#include "runtime/metrics/text_format.hpp"

namespace actorbus::metrics {

namespace tf = text_format;

namespace {

void append_sample(std::string& out, const std::string& name,
                   const family_info& info,
                   const std::vector<std::string>& values, double x,
                   std::string_view le = {}) {
  out += name;
  tf::append_labels(out, info.label_names, values, le.empty() ? "" : "le", le);
  out += ' ';
  out += tf::format_value(x);
  out += '\n';
}

} // namespace

template <>
void family<counter>::render(std::string& out) const {
  tf::append_header(out, info().name, info().help, "counter");
  for_each([&](const std::vector<std::string>& labels, const counter& c) {
    append_sample(out, info().name, info(), labels,
                  static_cast<double>(c.value()));
  });
}

template <>
void family<gauge>::render(std::string& out) const {
  tf::append_header(out, info().name, info().help, "gauge");
  for_each([&](const std::vector<std::string>& labels, const gauge& g) {
    append_sample(out, info().name, info(), labels, g.value());
  });
}

template <>
void family<histogram>::render(std::string& out) const {
  tf::append_header(out, info().name, info().help, "histogram");
  auto bucket = info().name + "_bucket";
  for_each([&](const std::vector<std::string>& labels, const histogram& h) {
    // `_count` is the `+Inf` bucket of this very pass, so both always agree
    // even while other threads observe.
    uint64_t cumulative = 0;
    auto& bounds = h.bounds();
    for (size_t i = 0; i < bounds.size(); ++i) {
      cumulative += h.bucket_count(i);
      append_sample(out, bucket, info(), labels,
                    static_cast<double>(cumulative),
                    tf::format_value(bounds[i]));
    }
    cumulative += h.bucket_count(bounds.size());
    append_sample(out, bucket, info(), labels, static_cast<double>(cumulative),
                  "+Inf");
    append_sample(out, info().name + "_sum", info(), labels, h.sum());
    append_sample(out, info().name + "_count", info(), labels,
                  static_cast<double>(cumulative));
  });
}

template class family<counter>;
template class family<gauge>;
template class family<histogram>;

} // namespace actorbus::metrics
