// The complete A64 form table: importing this module loads every family into `allForms`.
import './forms-int.js';
import './forms-mem.js';
import './forms-branch.js';
import './forms-float.js';
import './forms-simd.js';

export { allForms, form, type Form } from './form-table.js';
