// XGBoost's C API from Debian's libxgboost-dev (1.7.x): the only way the trainer reaches XGBoost.
#include <xgboost/c_api.h>
