// SurveyJS (survey-core + survey-js-ui, its framework-free UI) rendering the benchmarked form, Russian UI strings.
import { Model } from 'survey-core';
import 'survey-core/i18n/russian';
// The theme without its web-font import: pages here load nothing from the network, and ours uses system fonts.
import 'survey-core/survey-core.fontless.min.css';
import { renderSurvey } from 'survey-js-ui';
import { surveyjs as form } from 'komek-bench-form';

let survey;
window.komekBench = {
  name: 'surveyjs',
  mount(container) {
    survey = new Model(form);
    renderSurvey(survey, container);
  },
  textInput(container, field) {
    return container.querySelector(
      `[data-name="${field.surveyName}"] input, [data-name="${field.surveyName}"] textarea`,
    );
  },
  countInputs(container) {
    // A boolean switch is a checkbox input; signature pads are canvases.
    return container.querySelectorAll('canvas').length;
  },
  value: () => survey.data,
};
