// Errors raised by the core, carrying what PostgreSQL needs to report them.
//
// The core never sees PostgreSQL, so the SQLSTATE travels as its five-character
// text; src/pg/boundary.cpp turns it into an ereport() at the function boundary.
#pragma once

#include "core/no_postgres.hpp"

#include <stdexcept>
#include <string>

namespace segments
{

// SQLSTATE codes the core raises (see PostgreSQL's errcodes.txt).
namespace sqlstate
{
inline constexpr const char *invalid_parameter_value = "22023";
inline constexpr const char *program_limit_exceeded = "54000";
inline constexpr const char *internal_error = "XX000";
} // namespace sqlstate

// An error the user can act on: message, optional detail and hint, and its SQLSTATE.
class Error : public std::runtime_error
{
  public:
	Error(std::string sqlstate, std::string message, std::string detail = {}, std::string hint = {})
		: std::runtime_error(message), sqlstate_(std::move(sqlstate)), detail_(std::move(detail)),
		  hint_(std::move(hint))
	{
	}

	const std::string &sqlstate() const { return sqlstate_; }
	const std::string &detail() const { return detail_; }
	const std::string &hint() const { return hint_; }

  private:
	std::string sqlstate_;
	std::string detail_;
	std::string hint_;
};

// A definition that breaks the format: SQLSTATE 22023 and the message
// "invalid segment definition: PATH: PROBLEM", where PATH is the JSON path of
// the offending value (for example conditions[1].count), empty for the root.
class DefinitionError : public Error
{
  public:
	DefinitionError(const std::string &path, const std::string &problem, std::string hint = {})
		: Error(sqlstate::invalid_parameter_value,
				"invalid segment definition: " + (path.empty() ? std::string() : path + ": ") +
					problem,
				{}, std::move(hint)),
		  path_(path), problem_(problem)
	{
	}

	const std::string &path() const { return path_; }
	const std::string &problem() const { return problem_; }

  private:
	std::string path_;
	std::string problem_;
};

} // namespace segments
