// Builds a json::Value tree from Boost.JSON parser events.
#include "core/json_document.hpp"

#include "core/definition.hpp"
#include "core/error.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <cstdint>
#include <utility>

namespace segments::json
{

namespace
{

using boost::json::error_code;
using boost::json::string_view;

// The handler boost::json::basic_parser calls. Open arrays and objects wait on
// a stack until their end event; strings, keys and numbers may arrive in parts.
class TreeBuilder
{
  public:
	// The format needs far less; the text size limit bounds all of these anyway.
	static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
	static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
	static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
	static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

	Value take_root() { return std::move(root_); }

	bool on_document_begin(error_code &) { return true; }
	bool on_document_end(error_code &) { return true; }

	bool on_array_begin(error_code &)
	{
		open_.emplace_back();
		open_.back().kind = Kind::array;
		return true;
	}

	bool on_array_end(std::size_t, error_code &) { return close(); }

	bool on_object_begin(error_code &)
	{
		open_.emplace_back();
		open_.back().kind = Kind::object;
		return true;
	}

	bool on_object_end(std::size_t, error_code &) { return close(); }

	bool on_string_part(string_view part, std::size_t, error_code &)
	{
		pending_.append(part.data(), part.size());
		return true;
	}

	bool on_string(string_view last, std::size_t, error_code &)
	{
		Value value;
		value.kind = Kind::string;
		value.text = take_pending(last);
		return add(std::move(value));
	}

	bool on_key_part(string_view part, std::size_t, error_code &)
	{
		pending_.append(part.data(), part.size());
		return true;
	}

	bool on_key(string_view last, std::size_t, error_code &)
	{
		keys_.push_back(take_pending(last));
		return true;
	}

	bool on_number_part(string_view part, error_code &)
	{
		pending_.append(part.data(), part.size());
		return true;
	}

	bool on_int64(int64_t number, string_view last, error_code &)
	{
		return add_number(static_cast<double>(number), last);
	}

	bool on_uint64(uint64_t number, string_view last, error_code &)
	{
		return add_number(static_cast<double>(number), last);
	}

	bool on_double(double number, string_view last, error_code &)
	{
		return add_number(number, last);
	}

	bool on_bool(bool boolean, error_code &)
	{
		Value value;
		value.kind = Kind::boolean;
		value.boolean = boolean;
		return add(std::move(value));
	}

	bool on_null(error_code &) { return add(Value{}); }

	// Comments are not enabled in the parse options, so these are never called.
	bool on_comment_part(string_view, error_code &) { return true; }
	bool on_comment(string_view, error_code &) { return true; }

  private:
	std::string take_pending(string_view last)
	{
		pending_.append(last.data(), last.size());
		std::string text = std::move(pending_);
		pending_.clear();
		return text;
	}

	bool add_number(double number, string_view last)
	{
		Value value;
		value.kind = Kind::number;
		value.number = number;
		value.text = take_pending(last);
		return add(std::move(value));
	}

	bool close()
	{
		Value value = std::move(open_.back());
		open_.pop_back();
		return add(std::move(value));
	}

	// Puts a finished value into the innermost open array or object, or makes
	// it the root.
	bool add(Value value)
	{
		if (open_.empty())
		{
			root_ = std::move(value);
			return true;
		}
		Value &parent = open_.back();
		if (parent.kind == Kind::array)
		{
			parent.elements.push_back(std::move(value));
		}
		else
		{
			parent.members.push_back(Member{std::move(keys_.back()), std::move(value)});
			keys_.pop_back();
		}
		return true;
	}

	std::vector<Value> open_;
	std::vector<std::string> keys_; // one per open object that is waiting for its value
	std::string pending_;
	Value root_;
};

} // namespace

Value parse_json(std::string_view text, std::size_t max_depth)
{
	boost::json::parse_options options;
	options.max_depth = max_depth;
	boost::json::basic_parser<TreeBuilder> parser(options);

	error_code error;
	std::size_t consumed = parser.write_some(false, text.data(), text.size(), error);
	if (!error && consumed != text.size())
		error = boost::json::error::extra_data;

	if (error == boost::json::error::too_deep)
		throw DefinitionError(
		    {}, "JSON is nested more than " + std::to_string(max_depth) + " levels deep",
		    "Groups nest at most " + std::to_string(max_group_depth) +
		        " deep, which needs far fewer JSON levels.");
	if (error)
		throw DefinitionError({}, "text is not valid JSON: " + error.message() +
		                              " at byte offset " + std::to_string(consumed));
	return parser.handler().take_root();
}

const char *kind_name(Kind kind)
{
	switch (kind)
	{
	case Kind::null:
		return "null";
	case Kind::boolean:
		return "a boolean";
	case Kind::number:
		return "a number";
	case Kind::string:
		return "a string";
	case Kind::array:
		return "an array";
	case Kind::object:
		return "an object";
	}
	return "a JSON value";
}

} // namespace segments::json
