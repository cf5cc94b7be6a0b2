#pragma once

namespace actorbus::shop {

/// Combines lambdas into one visitor for std::visit.
template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};

template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

} // namespace actorbus::shop
