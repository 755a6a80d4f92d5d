/*
 * Guest form page: shows a Camunda Form (form-js schema) with the form-js viewer and sends the answers to the
 * server as JSON. The viewer (global FormViewer, @bpmn-io/form-js 1.8.7, as in Tasklist 7.24) is loaded by the
 * page before this script.
 *
 * Page contract:
 *   <div id="guest-form" data-schema-url data-data-url data-submit-url data-lang="sv|en">
 *   <div id="form-errors" role="alert" aria-live="assertive">
 *   <meta name="_csrf" content="..."> and <meta name="_csrf_header" content="X-CSRF-TOKEN">
 * Server answers to POST {"values": {...}}:
 *   200 {"redirect"} | 422 {"errors": {key: message}, "summary"} | 409 {"late": true, "message"} (too late: kept
 *   for the coordinator, not taken into the visit) | any other status with {"redirect"}.
 *
 * Written for a CSP of script-src 'self': no inline code, no eval, no HTML strings.
 */
(function () {
  'use strict';

  const TEXT = {
    sv: {
      send: 'Skicka',
      sendFailed: 'Det gick inte att skicka. Försök igen om en stund. Det du har skrivit finns kvar.',
      loadFailed: 'Det gick inte att visa formuläret. Ladda om sidan om en stund.'
    },
    en: {
      send: 'Send',
      sendFailed: 'Sending failed. Please try again in a moment. What you typed is still here.',
      loadFailed: 'The form could not be shown. Please reload the page in a moment.'
    }
  };

  /*
   * form-js 1.8.7 has no translations: its validation messages and its fixed texts are English. On a Swedish page
   * they are translated here: the validator's messages as they are made, the fixed texts in the form's markup as
   * it is drawn. Every user-visible English text of form-js-viewer 1.8.7 (dist/index.es.js) is covered.
   */
  const SWEDISH_MESSAGES = [
    [/^Field is required\.$/, 'Fältet måste fyllas i.'],
    [/^Field must match pattern .*\.$/, 'Fältet har inte rätt form.'],
    [/^Field must have minimum value of (.*)\.$/, 'Värdet måste vara minst $1.'],
    [/^Field must have maximum value of (.*)\.$/, 'Värdet får vara högst $1.'],
    [/^Field must have minimum length of (.*)\.$/, 'Fältet måste ha minst $1 tecken.'],
    [/^Field must have maximum length of (.*)\.$/, 'Fältet får ha högst $1 tecken.'],
    [/^Field must be a valid +international phone number.*$/, 'Ange ett giltigt telefonnummer med landsnummer (t.ex. +46701234567).'],
    [/^Field must be a valid email\.$/, 'Ange en giltig e-postadress.'],
    [/^Value is not a number\.$/, 'Värdet är inget tal.'],
    [/^Value is expected to be an integer\.$/, 'Värdet måste vara ett heltal.'],
    [/^Value is expected to have at most (\d+) decimal digits?\.$/, 'Värdet får ha högst $1 decimaler.'],
    [/^Please select a valid value, the two nearest valid values are (.*) and (.*)\.$/,
      'Välj ett giltigt värde. De två närmaste är $1 och $2.']
  ];
  const SWEDISH_FIXED_TEXTS = {
    'Select': 'Välj',
    'Search': 'Sök',
    'No results': 'Inga träffar',
    'All values selected': 'Alla värden är valda'
  };

  function toSwedish(message) {
    for (const [pattern, swedish] of SWEDISH_MESSAGES) {
      if (pattern.test(message)) {
        return message.replace(pattern, swedish);
      }
    }
    return message;
  }

  /** Swedish validation messages: every check form-js makes (on blur, on change, on submit) goes through this. */
  function translateValidator(form) {
    const validator = form.get('validator');
    ['validateField', 'validateFieldInstance'].forEach(function (name) {
      const validate = validator[name].bind(validator);
      validator[name] = function () {
        return validate.apply(null, arguments).map(toSwedish);
      };
    });
  }

  /** Swedish fixed texts (placeholders, empty lists) wherever form-js draws them. */
  function translateFixedTexts(container) {
    const translate = function () {
      container.querySelectorAll('[placeholder]').forEach(function (input) {
        const swedish = SWEDISH_FIXED_TEXTS[input.getAttribute('placeholder')];
        if (swedish) {
          input.setAttribute('placeholder', swedish);
        }
      });
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const swedish = SWEDISH_FIXED_TEXTS[node.data.trim()];
        if (swedish) {
          node.data = swedish;
        }
      }
    };
    new MutationObserver(translate).observe(container, { childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ['placeholder'] });
    translate();
  }

  document.addEventListener('DOMContentLoaded', start);

  async function start() {
    const container = document.getElementById('guest-form');
    const errorBox = document.getElementById('form-errors');
    if (!container || !errorBox) {
      return;
    }
    const text = container.dataset.lang === 'sv' ? TEXT.sv : TEXT.en;
    // Focused after a failed submission; -1 keeps it out of the tab order.
    errorBox.tabIndex = -1;

    let form;
    try {
      const [schema, data] = await Promise.all([
        getJson(container.dataset.schemaUrl),
        getJson(container.dataset.dataUrl)
      ]);
      // No input debounce (form-js waits 300 ms by default): a server message goes away at the first keystroke,
      // and a click on the button right after typing neither sends stale values nor misses the button when the
      // message's line disappears on blur.
      form = new FormViewer.Form({ container, debounce: false });
      if (container.dataset.lang === 'sv') {
        translateValidator(form);
        translateFixedTexts(container);
      }
      await form.importSchema(withSubmitButton(schema, text.send), data || {});
    } catch (error) {
      if (error && error.redirect && goTo(error.redirect)) {
        return;
      }
      console.error(error);
      showMessage(errorBox, text.loadFailed);
      return;
    }

    let sending = false;

    // Not an async function: form-js's event bus stops other listeners when a handler returns a value.
    form.on('submit', function (event) {
      // form-js has already marked the fields it found wrong; nothing to send yet.
      if (Object.keys(event.errors || {}).length > 0) {
        return;
      }
      if (sending) {
        return;
      }
      sending = true;
      setBusy(container, true);
      send(form, container, errorBox, text, event.data).catch(function (error) {
        console.error(error);
        showMessage(errorBox, text.sendFailed);
        return false;
      }).then(function (leaving) {
        // While the browser goes to the next page, a second click must not send again.
        if (!leaving) {
          sending = false;
          setBusy(container, false);
        }
      });
    });
  }

  /** Posts the values; returns true when the page is being left. */
  async function send(form, container, errorBox, text, values) {
    clear(errorBox);
    let response;
    let body;
    try {
      response = await fetch(container.dataset.submitUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: Object.assign({ 'Content-Type': 'application/json', 'Accept': 'application/json' }, csrfHeader()),
        body: JSON.stringify({ values: values })
      });
      body = await readJson(response);
    } catch (error) {
      // Offline, server gone, or the request was cut: the guest's answers stay in the form.
      showMessage(errorBox, text.sendFailed);
      return false;
    }

    if (response.status === 422 && body && body.errors) {
      showServerErrors(form, errorBox, body);
      return false;
    }
    if (body && body.late === true && typeof body.message === 'string') {
      showMessage(errorBox, body.message);
      return false;
    }
    if (body && typeof body.redirect === 'string' && goTo(body.redirect)) {
      return true;
    }
    showMessage(errorBox, text.sendFailed);
    return false;
  }

  /**
   * Shows the server's messages next to the fields (form-js error state, keyed by component id) and as a
   * summary with links to the fields, then focuses the summary.
   */
  function showServerErrors(form, errorBox, body) {
    const fields = keyedFields(form);
    const fieldErrors = {};
    const items = [];
    Object.keys(body.errors).forEach(function (key) {
      const message = String(body.errors[key]);
      const field = fields[key];
      if (field) {
        // Same shape as Form#validate() in form-js 1.8.7: { [component id]: [messages] }.
        fieldErrors[field.id] = [message];
      }
      items.push({ label: labelOf(field) || key, message: message, target: field && inputOf(form, field) });
    });
    // Internal API (Form#_setState, form-js-viewer 1.8.7 src/Form.js); the next edit of a field revalidates it
    // on the client, which replaces the server's message for that field.
    form._setState({ errors: fieldErrors });

    const heading = document.createElement('h2');
    heading.textContent = body.summary || '';
    const list = document.createElement('ul');
    items.forEach(function (item) {
      const li = document.createElement('li');
      // The server's messages name their field already ("Goals and purpose ... is required").
      const line = item.message;
      if (item.target) {
        const link = document.createElement('a');
        link.href = '#' + item.target.id;
        link.textContent = line;
        link.addEventListener('click', function (event) {
          // Focus the input itself (a bare fragment only scrolls) and keep its label in view.
          event.preventDefault();
          item.target.focus();
          const wrapper = item.target.closest('.fjs-form-field');
          (wrapper || item.target).scrollIntoView({ block: 'start' });
        });
        li.appendChild(link);
      } else {
        li.textContent = line;
      }
      list.appendChild(li);
    });
    errorBox.appendChild(heading);
    errorBox.appendChild(list);
    errorBox.classList.add('has-errors');
    errorBox.focus();
  }

  /** The schema's keyed fields by their full value path ("a.b" inside a group with a path) and by plain key. */
  function keyedFields(form) {
    const registry = form.get('formFieldRegistry');
    const paths = form.get('pathRegistry');
    const byKey = {};
    registry.getAll().forEach(function (field) {
      if (typeof field.key !== 'string') {
        return;
      }
      const path = (paths.getValuePath(field) || []).join('.');
      byKey[path] = byKey[path] || field;
      byKey[field.key] = byKey[field.key] || field;
    });
    return byKey;
  }

  /** Datetime fields have dateLabel/timeLabel instead of label. */
  function labelOf(field) {
    return field && (field.label || field.dateLabel || field.timeLabel);
  }

  /**
   * The element a summary link should focus. form-js 1.8.7 gives inputs the id "fjs-form-<form id>-<component
   * id>" (prefixId in the viewer); radio and checklist options add "-<index>", datetime adds "-date"/"-time".
   */
  function inputOf(form, field) {
    const domId = 'fjs-form-' + form._id + '-' + field.id;
    const candidates = [domId, domId + '-0', domId + '-date', domId + '-time'];
    for (const id of candidates) {
      const element = document.getElementById(id);
      if (element) {
        return element;
      }
    }
    return null;
  }

  /** Guest forms are modelled for Tasklist, which has its own button; add one unless the form has one. */
  function withSubmitButton(schema, label) {
    if (hasSubmitButton(schema)) {
      return schema;
    }
    const copy = Object.assign({}, schema);
    copy.components = (schema.components || []).concat([
      { type: 'button', id: 'GuestForm_Submit', label: label, action: 'submit' }
    ]);
    return copy;
  }

  function hasSubmitButton(component) {
    if (component.type === 'button' && (component.action || 'submit') === 'submit') {
      return true;
    }
    return (component.components || []).some(hasSubmitButton);
  }

  function setBusy(container, busy) {
    container.setAttribute('aria-busy', String(busy));
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    container.querySelectorAll('button[type="submit"]').forEach(function (button) {
      if (busy) {
        button.setAttribute('aria-disabled', 'true');
      } else {
        button.removeAttribute('aria-disabled');
      }
    });
  }

  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    const body = await readJson(response);
    if (!response.ok) {
      // e.g. an expired or used link: the server may send the guest elsewhere
      throw body && body.redirect ? { redirect: body.redirect } : new Error('GET ' + url + ': ' + response.status);
    }
    return body;
  }

  /** The response's JSON body, or null when there is none (HTML error pages, empty bodies). */
  async function readJson(response) {
    const type = response.headers.get('Content-Type') || '';
    if (!type.includes('json')) {
      return null;
    }
    try {
      return await response.json();
    } catch (error) {
      return null;
    }
  }

  function csrfHeader() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    if (!token || !header) {
      return {};
    }
    return { [header.content]: token.content };
  }

  /** Follows a redirect on this site only; returns false for anything else. */
  function goTo(target) {
    const url = new URL(target, window.location.href);
    if (url.origin !== window.location.origin) {
      return false;
    }
    window.location.assign(url.href);
    return true;
  }

  function showMessage(errorBox, message) {
    clear(errorBox);
    const p = document.createElement('p');
    p.textContent = message;
    errorBox.appendChild(p);
    errorBox.classList.add('has-errors');
  }

  function clear(errorBox) {
    errorBox.replaceChildren();
    errorBox.classList.remove('has-errors');
  }
})();
