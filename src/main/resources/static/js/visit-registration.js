// The visit registration page (/app/visits/new): when a known organisation or contact person is chosen from the
// suggestions, fill in what the register knows (the organisation's level; the person's name, address and language,
// and their organisation when none is typed yet). The page works without this script: the suggestions are plain
// <datalist> elements and the server links the visit to the register by name and address whatever was typed.
(function () {
  'use strict';

  var form = document.getElementById('register-visit');
  if (!form) {
    return;
  }

  function key(text) {
    return (text || '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  }

  function suggestion(listId, value) {
    var list = document.getElementById(listId);
    var wanted = key(value);
    if (!list || !wanted) {
      return null;
    }
    for (var i = 0; i < list.options.length; i++) {
      if (key(list.options[i].value) === wanted) {
        return list.options[i];
      }
    }
    return null;
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function chooseLevel(level) {
    if (level) {
      field('partnerLevel').value = level;
    }
  }

  function chooseLanguage(language) {
    var radios = form.querySelectorAll('input[name="contactLanguage"]');
    for (var i = 0; i < radios.length; i++) {
      radios[i].checked = radios[i].value === language;
    }
  }

  function fillOrganisation(option) {
    var organisation = field('guestOrganisation');
    if (!organisation.value.trim() && option.dataset.organisation) {
      organisation.value = option.dataset.organisation;
      chooseLevel(option.dataset.level);
    }
  }

  field('guestOrganisation').addEventListener('change', function (event) {
    var option = suggestion('known-organisations', event.target.value);
    if (option) {
      chooseLevel(option.dataset.level);
    }
  });

  field('contactEmail').addEventListener('change', function (event) {
    var option = suggestion('known-contact-emails', event.target.value);
    if (option) {
      field('contactName').value = option.dataset.name;
      chooseLanguage(option.dataset.language);
      fillOrganisation(option);
    }
  });

  field('contactName').addEventListener('change', function (event) {
    var option = suggestion('known-contact-names', event.target.value);
    if (option) {
      field('contactEmail').value = option.dataset.email;
      chooseLanguage(option.dataset.language);
      fillOrganisation(option);
    }
  });
}());
