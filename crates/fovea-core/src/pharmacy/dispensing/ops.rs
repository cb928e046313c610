//! Operations of this area (declared with `op!`, listed below in catalog order).

use crate::catalog::area_operations;

area_operations! {}
