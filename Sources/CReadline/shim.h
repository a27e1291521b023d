#ifndef CHISO_CREADLINE_SHIM_H
#define CHISO_CREADLINE_SHIM_H
// readline.h needs FILE from stdio.h declared first.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 strict concurrency rejects direct use of readline's mutable C globals, so
// the shell reaches them only through these small functions.
static inline void chiso_rl_set_catch_signals(int on) { rl_catch_signals = on; rl_catch_sigwinch = on; }
static inline void chiso_rl_set_completion(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void chiso_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline const char *chiso_rl_line_buffer(void) { return rl_line_buffer; }
static inline int chiso_rl_point(void) { return rl_point; }
static inline void chiso_rl_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void chiso_rl_set_basic_word_break(const char *chars) { rl_basic_word_break_characters = chars; }
static inline void chiso_rl_set_completer_quotes(const char *chars) { rl_completer_quote_characters = chars; }
static inline void chiso_rl_set_instream(FILE *f) { rl_instream = f; }
static inline int chiso_history_length(void) { return history_length; }
#endif
