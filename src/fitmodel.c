#include "fitmodel.h"
int dk_fit_model(dk_model *m, const dk_fit_data *d, const dk_fit_design *x,
                 const dk_lmm_fit *f, int nfit, dk_err *e)
{ (void)m; (void)d; (void)x; (void)f; (void)nfit; return dk_fail(e, "todo"); }
int dk_fit_model_text(const dk_model *m, dk_buf *b, dk_err *e)
{ (void)m; (void)b; return dk_fail(e, "todo"); }
