/**
 * Puppeteer drives Debian's Chromium (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium): it must never download
 * a browser of its own (there is no internet on CI, and one browser is enough).
 */
module.exports = {
  skipDownload: true,
};
