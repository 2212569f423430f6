// Vendor and product catalog: one key per vendor and product however sources spell them, and
// the OT device class of a product. Pure functions; see docs/adr/004-vulnerability-grading.md.
export { normalizeVendorName, splitVendorNames, unknownVendor } from './normalize-vendor.js';
export type { VendorName } from './normalize-vendor.js';
export { vendorAliases } from './vendor-aliases.js';
export type { VendorAlias } from './vendor-aliases.js';
export { classifyDeviceType, deviceTypeRules, deviceTypes, normalizeProductName } from './normalize-product.js';
export type { DeviceClassification, DeviceType, DeviceTypeRule, ProductName } from './normalize-product.js';
export { cpeProduct, cpeTokenText, parseCpe } from './cpe-vendor.js';
export type { CpeName, CpeParseResult, CpeProduct, CpeProductResult } from './cpe-vendor.js';
export { fixMojibake } from './clean-text.js';
