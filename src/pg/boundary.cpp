// The function boundary: C++ exceptions become PostgreSQL errors here.
//
// The catch blocks copy what they need into fixed buffers on this frame (no
// allocation, so nothing can raise while an exception object is alive) and the
// PostgreSQL error is raised after the last catch block has ended.
#include "pg/boundary.hpp"

#include "core/error.hpp"

#include <cstring>
#include <new>

namespace segments::pg
{
namespace
{

// Longer texts are cut at a character boundary; definitions' values appear in
// messages, and those are limited to 1000 characters by the parser.
constexpr std::size_t message_capacity = 4096;
constexpr std::size_t note_capacity = 2048;

// Copies text into buffer, cutting it at a UTF-8 character boundary.
void copy_text(char *buffer, std::size_t capacity, const char *text)
{
	std::size_t length = std::strlen(text);
	if (length >= capacity)
	{
		length = capacity - 1;
		while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80)
			length--;
	}
	std::memcpy(buffer, text, length);
	buffer[length] = '\0';
}

int sqlstate_code(const char *text)
{
	if (std::strlen(text) != 5)
		return ERRCODE_INTERNAL_ERROR;
	return MAKE_SQLSTATE(text[0], text[1], text[2], text[3], text[4]);
}

} // namespace

Datum call_function_body(FunctionCallInfo fcinfo, FunctionBody body)
{
	ErrorData *postgres_error = nullptr;
	int code = ERRCODE_INTERNAL_ERROR;
	char message[message_capacity];
	char detail[note_capacity];
	char hint[note_capacity];
	detail[0] = hint[0] = '\0';

	try
	{
		return body(fcinfo);
	}
	catch (const PostgresError &error)
	{
		postgres_error = error.data();
	}
	catch (const segments::Error &error)
	{
		code = sqlstate_code(error.sqlstate().c_str());
		copy_text(message, sizeof message, error.what());
		copy_text(detail, sizeof detail, error.detail().c_str());
		copy_text(hint, sizeof hint, error.hint().c_str());
	}
	catch (const std::bad_alloc &)
	{
		code = ERRCODE_OUT_OF_MEMORY;
		copy_text(message, sizeof message, "out of memory in segments");
	}
	catch (const std::exception &error)
	{
		copy_text(message, sizeof message, "internal error in segments: ");
		std::size_t used = std::strlen(message);
		copy_text(message + used, sizeof message - used, error.what());
	}
	catch (...)
	{
		copy_text(message, sizeof message, "internal error in segments: unknown exception");
	}

	if (postgres_error != nullptr)
		ReThrowError(postgres_error);

	ereport(ERROR, (errcode(code), errmsg_internal("%s", message),
					detail[0] != '\0' ? errdetail_internal("%s", detail) : 0,
					hint[0] != '\0' ? errhint("%s", hint) : 0));
	pg_unreachable();
}

} // namespace segments::pg
